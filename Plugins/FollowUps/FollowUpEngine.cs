using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Plugins.Infrastructure;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Mapping;

namespace PatientJourney.Crm.Plugins.FollowUps
{
    /// <summary>
    /// One record follow-ups are generated for (an appointment, a discharge, a survey response…): the events it
    /// raises now, the rows the follow-ups link to, and the patient's channels. The follow-ups of a source are the
    /// union of what its events call for; an open follow-up of the source that no event calls for any more is cancelled
    /// (a cancelled appointment has no events).
    /// </summary>
    internal sealed class FollowUpSource
    {
        public FollowUpSource(Guid sourceId, EntityReference patient, ContactPreferences preferences)
        {
            SourceId = sourceId;
            Patient = patient;
            Preferences = preferences;
        }

        public Guid SourceId { get; }
        public EntityReference Patient { get; }
        public ContactPreferences Preferences { get; }
        public EntityReference? Journey { get; set; }
        public EntityReference? Appointment { get; set; }
        public EntityReference? Referral { get; set; }
        public List<FollowUpEvent> Events { get; } = new List<FollowUpEvent>();

        /// <summary>Why an open follow-up of the source that no event calls for any more is cancelled (written on it).</summary>
        public string NoLongerNeeded { get; set; } = "What it was planned for has changed, so it is no longer due.";
    }

    /// <summary>What a write did: follow-ups created, moved or reopened, and cancelled.</summary>
    internal sealed class FollowUpWriteResult
    {
        public int Created { get; set; }
        public int Updated { get; set; }
        public int Cancelled { get; set; }
    }

    /// <summary>
    /// Writes planned follow-ups idempotently: one query for the existing follow-ups of all the sources, then one
    /// Create per new follow-up and one Update per follow-up that moves, reopens or is cancelled, and nothing for the
    /// rest. Plug-in code may not send bulk or batch messages (CreateMultiple, ExecuteMultiple…): "we don't support
    /// using bulk operation messages in plug-in code"
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/bulk-operations#not-supported-for-use-in-plug-ins). A follow-up is identified by its idempotency key (alternate key), so a
    /// replayed step or a retried job finds what it wrote before. Completed and failed follow-ups are history and are
    /// never changed.
    /// <para>
    /// Who writes: messages (for flows to deliver) are the caller's own act and are written through the caller's service,
    /// so the caller owns them and their roles must allow it. Staff tasks are work handed to someone else (the owner
    /// <see cref="FollowUpOwnership"/> chooses, possibly in another business unit, which the caller's unit-depth Create
    /// and Append would refuse), so they are written deliberately as SYSTEM with that owner set. The existing follow-ups
    /// and the owner candidates are read as SYSTEM too: a task the caller cannot see is still the source's, and creating
    /// it again would collide with its idempotency key. Those reads take keys, status, kind, due time, channel and owner
    /// ids only, nothing of the patient, and nothing of them is returned or traced.
    /// </para>
    /// </summary>
    internal static class FollowUpWriter
    {
        private static readonly string[] ExistingColumns = { FollowUpTable.IdempotencyKey, FollowUpTable.Status, FollowUpTable.DueOn, FollowUpTable.Channel, FollowUpTable.Kind };
        private static readonly int StaffTaskKind = FollowUpKind.StaffTask.ToOption().Value;

        /// <summary>True for a follow-up row (new or read back with its kind) that is a staff task.</summary>
        public static bool IsStaffTask(Entity row) => row.Get<OptionSetValue>(FollowUpTable.Kind)?.Value == StaffTaskKind;

        /// <summary>The service a follow-up is written through: SYSTEM for a staff task, the caller's for a message (see the class remarks).</summary>
        public static IOrganizationService ServiceFor(LocalPluginContext context, bool staffTask) => staffTask ? context.SystemService : context.UserService;

        /// <param name="scopeColumn">The follow-up lookup that holds every source's follow-ups (e.g. pj_appointmentid), used to find them in one query.</param>
        /// <param name="education">The education content that education rules choose from (<see cref="EducationContentReader"/>); none means no education is planned.</param>
        public static FollowUpWriteResult Write(LocalPluginContext context, FollowUpPlanner planner, IReadOnlyList<FollowUpRule> configuredRules,
            IReadOnlyCollection<FollowUpSource> sources, string scopeColumn, DateTime now, EducationLibrary? education = null)
        {
            var result = new FollowUpWriteResult();
            if (sources.Count == 0) return result;
            var scopeIds = sources.Select(s => ScopeOf(s, scopeColumn)).Distinct().Cast<object>().ToArray();
            var query = new QueryExpression(FollowUpTable.LogicalName) { ColumnSet = new ColumnSet(ExistingColumns) };
            query.Criteria.AddCondition(scopeColumn, ConditionOperator.In, scopeIds);
            var existing = context.SystemService.RetrieveMultiple(query).Entities
                .Where(e => e.Get<string>(FollowUpTable.IdempotencyKey) != null)
                .GroupBy(e => e.Get<string>(FollowUpTable.IdempotencyKey))
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

            var creates = new List<Entity>();
            var updates = new List<KeyValuePair<Entity, bool>>();   // the change, and whether it is a staff task's
            foreach (var source in sources)
            {
                var suffix = ":" + source.SourceId.ToString("N");
                var planned = source.Events.SelectMany(e => planner.Plan(e, configuredRules, source.Preferences, now, education))
                    .GroupBy(p => p.IdempotencyKey).Select(g => g.First()).ToList();
                foreach (var plan in planned)
                {
                    if (!existing.TryGetValue(plan.IdempotencyKey, out var row))
                    {
                        creates.Add(NewFollowUp(plan, source));
                        continue;
                    }
                    var change = Reconcile(row, plan);
                    if (change != null) updates.Add(new KeyValuePair<Entity, bool>(change, IsStaffTask(row)));
                }
                var plannedKeys = new HashSet<string>(planned.Select(p => p.IdempotencyKey), StringComparer.Ordinal);
                foreach (var pair in existing.Where(p => p.Key.EndsWith(suffix, StringComparison.Ordinal) && !plannedKeys.Contains(p.Key)))
                {
                    if (!IsOpen(pair.Value)) continue;
                    updates.Add(new KeyValuePair<Entity, bool>(Cancellation(pair.Value.Id, source.NoLongerNeeded), IsStaffTask(pair.Value)));
                    result.Cancelled++;
                }
            }

            AssignStaffTasks(context, creates, planner.DefaultCareTeamId);
            foreach (var row in creates) ServiceFor(context, IsStaffTask(row)).Create(row);
            foreach (var change in updates) ServiceFor(context, change.Value).Update(change.Key);
            result.Created = creates.Count;
            result.Updated = updates.Count - result.Cancelled;
            return result;
        }

        private const string CoordinatorAlias = "coordinator";
        private const string OwnerAlias = "owner";

        // Each new staff task goes to its journey's care coordinator, else the journey's owner, else (without a journey)
        // its referral's owner, else the default care team, skipping disabled users (FollowUpOwnership): one query per
        // table the tasks link to, as SYSTEM, with the users' state read through link-entities. A task nobody usable is
        // found for goes to the user whose action raised it, set explicitly since SYSTEM writes it.
        private static void AssignStaffTasks(LocalPluginContext context, List<Entity> creates, Guid? defaultCareTeamId)
        {
            var service = context.SystemService;
            var tasks = creates.Where(IsStaffTask).ToList();
            var journeyTasks = tasks.Where(t => t.Get<EntityReference>(FollowUpTable.JourneyId) != null).ToList();
            var referralTasks = tasks.Where(t => t.Get<EntityReference>(FollowUpTable.JourneyId) == null && t.Get<EntityReference>(FollowUpTable.ReferralId) != null).ToList();
            var candidates = Candidates(service, JourneyTable.LogicalName, JourneyTable.PrimaryId, JourneyTable.CareCoordinatorId, journeyTasks.Select(t => t.Get<EntityReference>(FollowUpTable.JourneyId).Id));
            foreach (var pair in Candidates(service, ReferralTable.LogicalName, ReferralTable.PrimaryId, null, referralTasks.Select(t => t.Get<EntityReference>(FollowUpTable.ReferralId).Id)))
                candidates[pair.Key] = pair.Value;
            foreach (var task in tasks)
            {
                var record = (task.Get<EntityReference>(FollowUpTable.JourneyId) ?? task.Get<EntityReference>(FollowUpTable.ReferralId))?.Id;
                var found = record.HasValue && candidates.TryGetValue(record.Value, out var pair) ? pair : null;
                var owner = FollowUpOwnership.OwnerFor(FollowUpKind.StaffTask, found?.Coordinator, found?.Owner, defaultCareTeamId);
                task[FollowUpTable.OwnerId] = owner == null
                    ? new EntityReference("systemuser", context.ExecutionContext.UserId)
                    : new EntityReference(owner.IsTeam ? "team" : "systemuser", owner.Id);
            }
        }

        private static Dictionary<Guid, OwnerCandidates> Candidates(IOrganizationService service, string table, string primaryId, string? coordinatorColumn, IEnumerable<Guid> ids)
        {
            var result = new Dictionary<Guid, OwnerCandidates>();
            var keys = ids.Distinct().Cast<object>().ToArray();
            if (keys.Length == 0) return result;
            var query = new QueryExpression(table) { ColumnSet = new ColumnSet(coordinatorColumn == null ? new[] { JourneyTable.OwnerId } : new[] { JourneyTable.OwnerId, coordinatorColumn }) };
            query.Criteria.AddCondition(primaryId, ConditionOperator.In, keys);
            query.LinkEntities.Add(CareWorkers.UserState(table, "owninguser", OwnerAlias));
            if (coordinatorColumn != null) query.LinkEntities.Add(CareWorkers.UserState(table, coordinatorColumn, CoordinatorAlias));
            foreach (var row in service.RetrieveMultiple(query).Entities)
            {
                result[row.Id] = new OwnerCandidates
                {
                    Coordinator = coordinatorColumn == null ? null : CareWorkers.Candidate(row.Get<EntityReference>(coordinatorColumn), row, CoordinatorAlias),
                    Owner = CareWorkers.Candidate(row.Get<EntityReference>(JourneyTable.OwnerId), row, OwnerAlias),
                };
            }
            return result;
        }

        private sealed class OwnerCandidates
        {
            public TaskOwner? Coordinator { get; set; }
            public TaskOwner? Owner { get; set; }
        }

        /// <summary>The update that cancels an open follow-up, with the reason staff see on it.</summary>
        public static Entity Cancellation(Guid followUpId, string reason) => new Entity(FollowUpTable.LogicalName, followUpId)
        {
            [FollowUpTable.Status] = FollowUpStatus.Cancelled.ToOption(),
            [FollowUpTable.CancellationReason] = reason,
        };

        private static Guid ScopeOf(FollowUpSource source, string scopeColumn)
        {
            EntityReference? scope;
            switch (scopeColumn)
            {
                case FollowUpTable.AppointmentId: scope = source.Appointment; break;
                case FollowUpTable.JourneyId: scope = source.Journey; break;
                case FollowUpTable.ReferralId: scope = source.Referral; break;
                default: scope = source.Patient; break;
            }
            return scope?.Id ?? throw new InvalidPluginExecutionException("A follow-up source lacks the record its follow-ups are found by.");
        }

        private static bool IsOpen(Entity row)
        {
            var status = row.Get<OptionSetValue>(FollowUpTable.Status)?.Value;
            return status == null || status == FollowUpTable.StatusOptions.Pending || status == FollowUpTable.StatusOptions.Due || status == FollowUpTable.StatusOptions.Suppressed;
        }

        // An open follow-up moves to the new due time, channel and status; a cancelled one is reopened (the event
        // calls for it again, e.g. a cancelled appointment rebooked); completed and failed ones stay as they are.
        private static Entity? Reconcile(Entity row, PlannedFollowUp plan)
        {
            var status = row.Get<OptionSetValue>(FollowUpTable.Status)?.Value;
            if (!IsOpen(row) && status != FollowUpTable.StatusOptions.Cancelled) return null;
            var wantedStatus = plan.Status.ToOption();
            var wantedChannel = plan.Channel?.ToOption();
            var sameStatus = status == wantedStatus.Value || (status == FollowUpTable.StatusOptions.Due && plan.Status == FollowUpStatus.Pending);
            var sameDue = row.Get<DateTime?>(FollowUpTable.DueOn) == plan.DueOn;
            var sameChannel = row.Get<OptionSetValue>(FollowUpTable.Channel)?.Value == wantedChannel?.Value;
            if (sameStatus && sameDue && sameChannel) return null;
            var update = new Entity(FollowUpTable.LogicalName, row.Id)
            {
                [FollowUpTable.DueOn] = plan.DueOn,
                [FollowUpTable.Channel] = wantedChannel,
                [FollowUpTable.SuppressionReason] = plan.Status == FollowUpStatus.Suppressed ? SuppressionReason : null,
            };
            if (status == FollowUpTable.StatusOptions.Cancelled) update[FollowUpTable.CancellationReason] = null;
            if (!sameStatus) update[FollowUpTable.Status] = wantedStatus;
            return update;
        }

        private const string SuppressionReason = "The patient allows no channel for automated messages.";

        public static Entity NewFollowUp(PlannedFollowUp plan, FollowUpSource source)
        {
            var row = new Entity(FollowUpTable.LogicalName)
            {
                [FollowUpTable.Name] = NameOf(plan.Rule),
                [FollowUpTable.Kind] = plan.Rule.Kind.ToOption(),
                [FollowUpTable.Type] = plan.Rule.Type.ToOption(),
                [FollowUpTable.DueOn] = plan.DueOn,
                [FollowUpTable.Status] = plan.Status.ToOption(),
                [FollowUpTable.PatientId] = source.Patient,
                [FollowUpTable.IdempotencyKey] = plan.IdempotencyKey,
            };
            if (plan.Channel.HasValue) row[FollowUpTable.Channel] = plan.Channel.Value.ToOption();
            if (plan.Status == FollowUpStatus.Suppressed) row[FollowUpTable.SuppressionReason] = SuppressionReason;
            if (source.Journey != null) row[FollowUpTable.JourneyId] = source.Journey;
            if (source.Appointment != null) row[FollowUpTable.AppointmentId] = source.Appointment;
            if (source.Referral != null) row[FollowUpTable.ReferralId] = source.Referral;
            if (plan.Rule.RuleId.HasValue) row[FollowUpTable.RuleId] = new EntityReference(FollowUpRuleTable.LogicalName, plan.Rule.RuleId.Value);
            if (plan.EducationContentId.HasValue) row[FollowUpTable.EducationContentId] = new EntityReference(EducationContentTable.LogicalName, plan.EducationContentId.Value);
            if (plan.Occurrence.HasValue) row[FollowUpTable.Occurrence] = plan.Occurrence.Value;
            return row;
        }

        // Names say what the follow-up is, never whom it is for.
        private static string NameOf(FollowUpRule rule)
        {
            string what;
            switch (rule.Type)
            {
                case FollowUpType.AppointmentReminder: what = "Appointment reminder"; break;
                case FollowUpType.ReminderCall: what = "Appointment reminder call (high no-show risk)"; break;
                case FollowUpType.CheckInCall: what = "Post-discharge check-in call"; break;
                case FollowUpType.ExperienceSurvey: what = "Experience survey"; break;
                case FollowUpType.FollowUpAppointmentCheck: what = "Check the follow-up appointment is booked"; break;
                case FollowUpType.NoShowRecovery: what = "No-show recovery call"; break;
                case FollowUpType.ReferralEscalation: what = "Referral SLA breached: escalate"; break;
                case FollowUpType.ServiceRecovery: what = "Service recovery (survey detractor)"; break;
                case FollowUpType.ScreeningReminder: what = "Screening reminder"; break;
                case FollowUpType.Welcome: what = "Welcome before the first appointment"; break;
                case FollowUpType.PreRegistration: what = "Pre-registration invitation"; break;
                case FollowUpType.Directions: what = "Directions to the appointment"; break;
                case FollowUpType.Education: what = "Instructions and education"; break;
                case FollowUpType.ReferralStatusToPatient: what = "Referral status update to the patient"; break;
                case FollowUpType.ReferralStatusToReferrer: what = "Referral status update to the referring provider"; break;
                case FollowUpType.ExpiredReferral: what = "Referral expired unaccepted: tell the referrer"; break;
                default: what = "Follow-up"; break;
            }
            var hours = rule.Offset.TotalHours;
            if (rule.Basis != OffsetBasis.ElapsedTime || hours == 0) return what;
            var span = Math.Abs(hours) >= 48 && Math.Abs(hours) % 24 == 0 ? $"{Math.Abs(hours) / 24:0} days" : $"{Math.Abs(hours):0.#} h";
            return $"{what} ({span} {(hours < 0 ? "before" : "after")})";
        }
    }

    /// <summary>
    /// The configured follow-up rule records for some triggers, as domain rules (one query, as SYSTEM). A rule saved
    /// before rules were checked on save that is not usable is skipped with a trace naming it, so it never blocks
    /// patients' work.
    /// </summary>
    internal static class ConfiguredFollowUpRules
    {
        /// <summary>The rule columns <see cref="ToRule"/> reads.</summary>
        public static readonly string[] Columns =
        {
            FollowUpRuleTable.Trigger, FollowUpRuleTable.Type, FollowUpRuleTable.Kind, FollowUpRuleTable.OffsetMinutes, FollowUpRuleTable.Channel,
            FollowUpRuleTable.RiskBandFilter, FollowUpRuleTable.PathwayId, FollowUpRuleTable.StageId, FollowUpRuleTable.IsActive,
            FollowUpRuleTable.MinimumAge, FollowUpRuleTable.MaximumAge, FollowUpRuleTable.Language, FollowUpRuleTable.RecurrenceDays, FollowUpRuleTable.EducationContentId,
        };

        public static IReadOnlyList<FollowUpRule> Load(LocalPluginContext context, IReadOnlyList<FollowUpRule> defaults, params FollowUpTrigger[] triggers)
        {
            var query = new QueryExpression(FollowUpRuleTable.LogicalName)
            {
                ColumnSet = new ColumnSet(Columns),
            };
            query.Criteria.AddCondition(FollowUpRuleTable.Trigger, ConditionOperator.In, triggers.Select(t => (object)t.ToOption().Value).ToArray());
            query.Criteria.AddCondition(FollowUpRuleTable.Statecode, ConditionOperator.Equal, FollowUpRuleTable.StatecodeOptions.Active);
            var rules = new List<FollowUpRule>();
            foreach (var row in context.SystemService.RetrieveMultiple(query).Entities)
            {
                var problem = ProblemWith(row);
                if (problem == null) rules.Add(ToRule(row, defaults));
                else context.Trace("Follow-up rule {0} skipped until it is corrected: {1}", row.Id, problem);
            }
            return rules;
        }

        /// <summary>What keeps a rule record from being usable (<see cref="FollowUpRuleCheck"/>), or null.</summary>
        public static string? ProblemWith(Entity row) => FollowUpRuleCheck.ProblemWith(
            FollowUpChoices.KnownTrigger(row.Get<OptionSetValue>(FollowUpRuleTable.Trigger)),
            FollowUpChoices.KnownType(row.Get<OptionSetValue>(FollowUpRuleTable.Type)), FollowUpChoices.KnownKind(row.Get<OptionSetValue>(FollowUpRuleTable.Kind)),
            row.Get<int?>(FollowUpRuleTable.OffsetMinutes), SegmentOf(row), row.Get<EntityReference>(FollowUpRuleTable.EducationContentId) != null);

        private static FollowUpSegment SegmentOf(Entity row) => new FollowUpSegment(
            row.Get<int?>(FollowUpRuleTable.MinimumAge), row.Get<int?>(FollowUpRuleTable.MaximumAge), row.Get<string>(FollowUpRuleTable.Language));

        public static FollowUpRule ToRule(Entity row, IReadOnlyList<FollowUpRule> defaults)
        {
            var trigger = FollowUpChoices.ToTrigger(row.Get<OptionSetValue>(FollowUpRuleTable.Trigger));
            var type = FollowUpChoices.ToFollowUpType(row.Get<OptionSetValue>(FollowUpRuleTable.Type));
            var offset = TimeSpan.FromMinutes(row.Get<int?>(FollowUpRuleTable.OffsetMinutes) ?? 0);
            // A rule that overrides a built-in one keeps its way of counting (e.g. "next business day" for no-show recovery).
            var overridden = defaults.FirstOrDefault(d => d.Trigger == trigger && d.Type == type && d.Offset == offset);
            return new FollowUpRule(trigger, type, FollowUpChoices.ToKind(row.Get<OptionSetValue>(FollowUpRuleTable.Kind)), offset,
                overridden?.Basis ?? OffsetBasis.ElapsedTime,
                FollowUpChoices.ToChannel(row.Get<OptionSetValue>(FollowUpRuleTable.Channel)),
                FollowUpChoices.ToBand(row.Get<OptionSetValue>(FollowUpRuleTable.RiskBandFilter)),
                row.Get<EntityReference>(FollowUpRuleTable.PathwayId)?.Id,
                row.Get<EntityReference>(FollowUpRuleTable.StageId)?.Id,
                row.Get<bool?>(FollowUpRuleTable.IsActive) ?? true,
                row.Id,
                SegmentOf(row),
                row.Get<int?>(FollowUpRuleTable.RecurrenceDays),
                row.Get<EntityReference>(FollowUpRuleTable.EducationContentId)?.Id);
        }
    }

    /// <summary>A patient's consent, preferred channel and quiet hours, read from contact columns (directly or through a link alias).</summary>
    internal static class PatientPreferences
    {
        public static readonly string[] Columns =
        {
            ContactTable.ConsentSms, ContactTable.ConsentEmail, ContactTable.ConsentPhone, ContactTable.ConsentPortal,
            ContactTable.PreferredChannel, ContactTable.QuietHoursStart, ContactTable.QuietHoursEnd, ContactTable.PreferredLanguage, ContactTable.BirthDate,
        };

        public static ContactPreferences From(Entity row, string? alias = null)
        {
            var allowed = new List<ContactChannel>();
            if (row.Value<bool?>(alias, ContactTable.ConsentSms) == true) allowed.Add(ContactChannel.Sms);
            if (row.Value<bool?>(alias, ContactTable.ConsentEmail) == true) allowed.Add(ContactChannel.Email);
            if (row.Value<bool?>(alias, ContactTable.ConsentPhone) == true) allowed.Add(ContactChannel.Phone);
            if (row.Value<bool?>(alias, ContactTable.ConsentPortal) == true) allowed.Add(ContactChannel.Portal);
            var start = row.Value<int?>(alias, ContactTable.QuietHoursStart);
            var end = row.Value<int?>(alias, ContactTable.QuietHoursEnd);
            var quiet = start.HasValue && end.HasValue && start != end ? new QuietHours(TimeSpan.FromMinutes(start.Value), TimeSpan.FromMinutes(end.Value)) : null;
            return new ContactPreferences(allowed, FollowUpChoices.ToChannel(row.Value<OptionSetValue>(alias, ContactTable.PreferredChannel)), quiet,
                row.Value<string>(alias, ContactTable.PreferredLanguage), row.Value<DateTime?>(alias, ContactTable.BirthDate));
        }

        /// <summary>A column of the row itself (no alias) or of a linked row (AliasedValue "alias.column").</summary>
        public static T? Value<T>(this Entity row, string? alias, string column)
        {
            if (alias == null) return row.Contains(column) && row[column] is T own ? own : default;
            var key = alias + "." + column;
            return row.Contains(key) && row[key] is AliasedValue aliased && aliased.Value is T value ? value : default;
        }
    }
}
