using System;
using System.Collections.Generic;
using System.Linq;
using PatientJourney.Crm.Domain.Calendar;
using PatientJourney.Crm.Domain.FollowUps;
using PatientJourney.Crm.Domain.Journeys;
using PatientJourney.Crm.Domain.Referrals;
using PatientJourney.Crm.Domain.Surveys;

namespace PatientJourney.Crm.Domain.Analytics
{
    /// <summary>
    /// Computes every metric of journey-analytics.md §2–6 from an event log. Choices the spec leaves open, decided here
    /// (the offline engine follows the same):
    /// <list type="bullet">
    /// <item>The cases are the journeys on the pathway started in the period; their visits are those entered in the
    /// period. Stage map, variants, stage durations, drop-off and funnel are over these. Other events (referrals,
    /// appointments, follow-ups, surveys, touchpoints) count by their own timestamp and reach a pathway through their
    /// journey (a referral through its own pathway first).</item>
    /// <item>Stages are listed when visited; ties of sequence and name (two pathways) are broken by stage id.</item>
    /// <item>Rework of a stage counts the back-edges into it; a discharge is entering a post-care stage straight from a
    /// pre-care, scheduling or during-care stage.</item>
    /// <item>Referral conversion counts a referral as accepted once it is accepted, scheduled or completed, as scheduled
    /// once scheduled or completed; rejected, cancelled and expired by its status.</item>
    /// </list>
    /// Visits of stages or journeys missing from the log (rows the caller may not read) are left out.
    /// </summary>
    public sealed class JourneyMetricsCalculator
    {
        /// <summary>CMS HRRP's readmission window.</summary>
        public static readonly TimeSpan ReadmissionWindow = TimeSpan.FromDays(30);

        /// <summary>How long after discharge an attended appointment counts as retention (defined here).</summary>
        public static readonly TimeSpan RetentionWindow = TimeSpan.FromDays(90);

        private const decimal NinetiethPercentile = 0.9m;

        private readonly MetricsFilter filter;
        private readonly DateTime asOf;
        private readonly BusinessCalendar calendar;
        private readonly Dictionary<Guid, StageRecord> stages;
        private readonly Dictionary<Guid, JourneyRecord> journeys;
        private readonly Dictionary<Guid, List<StageVisitRecord>> visitsByJourney;
        private readonly List<JourneyRecord> cases;
        private readonly Dictionary<Guid, List<StageVisitRecord>> caseVisits;
        private readonly ILookup<Guid, JourneyRecord> journeysByPatient;
        private readonly JourneyEventLog log;

        private JourneyMetricsCalculator(JourneyEventLog log, MetricsFilter filter, DateTime asOf, BusinessCalendar calendar)
        {
            this.log = log;
            this.filter = filter;
            this.asOf = asOf;
            this.calendar = calendar;
            stages = log.Stages.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First());
            journeys = log.Journeys.GroupBy(j => j.Id).ToDictionary(g => g.Key, g => g.First());
            journeysByPatient = journeys.Values.ToLookup(j => j.PatientId);
            visitsByJourney = log.StageVisits
                .Where(v => stages.ContainsKey(v.StageId) && journeys.ContainsKey(v.JourneyId))
                .GroupBy(v => v.JourneyId)
                .ToDictionary(g => g.Key, g => g.OrderBy(v => v.EnteredOn).ThenBy(v => stages[v.StageId].Sequence).ThenBy(v => v.Id).ToList());
            cases = log.Journeys.Where(j => OnPathway(j) && filter.InPeriod(j.StartedOn)).OrderBy(j => j.Id).ToList();
            caseVisits = cases.ToDictionary(j => j.Id, j => VisitsOf(j.Id).Where(v => filter.InPeriod(v.EnteredOn)).ToList());
        }

        /// <param name="asOf">The present: decides which readmission windows have closed and which follow-ups are past due.</param>
        /// <param name="calendar">The organisation's business calendar, for first responses in business hours.</param>
        public static JourneyMetrics Compute(JourneyEventLog log, MetricsFilter filter, DateTime asOf, BusinessCalendar calendar)
        {
            if (log == null) throw new ArgumentNullException(nameof(log));
            if (filter == null) throw new ArgumentNullException(nameof(filter));
            if (calendar == null) throw new ArgumentNullException(nameof(calendar));
            filter.Check();
            return new JourneyMetricsCalculator(log, filter, asOf, calendar).Compute();
        }

        private JourneyMetrics Compute()
        {
            var map = StageMap();
            var durations = Durations(map.Nodes);
            return new JourneyMetrics
            {
                Filter = filter,
                Totals = new MetricsTotals
                {
                    Journeys = cases.Count,
                    StageVisits = caseVisits.Values.Sum(v => v.Count),
                    Patients = cases.Select(j => j.PatientId).Distinct().Count(),
                },
                StageMap = map,
                Variants = Variants(),
                Durations = durations,
                Funnel = map.Nodes.Select(n => new FunnelStep
                {
                    StageId = n.StageId,
                    Stage = n.Stage,
                    Sequence = n.Sequence,
                    Journeys = n.Journeys,
                    Share = new Ratio(n.Journeys, cases.Count).Value,
                }).ToList(),
                Kpis = Kpis(durations),
            };
        }

        // ---- §2 stage map -------------------------------------------------------------------------------------------

        private StageMap StageMap()
        {
            var withVisits = cases.Where(j => caseVisits[j.Id].Count > 0).ToList();
            var transitions = withVisits
                .SelectMany(j => caseVisits[j.Id].Zip(caseVisits[j.Id].Skip(1), (a, b) => new { Journey = j.Id, From = stages[a.StageId], To = stages[b.StageId], Hours = Statistics.Hours(b.EnteredOn - a.EnteredOn) }))
                .ToList();
            var edges = transitions
                .GroupBy(t => new { From = t.From.Id, To = t.To.Id })
                .Select(g =>
                {
                    var from = g.First().From;
                    var to = g.First().To;
                    var hours = g.Select(t => t.Hours).ToList();
                    return new StageEdge
                    {
                        FromStageId = from.Id,
                        From = from.Name,
                        ToStageId = to.Id,
                        To = to.Name,
                        Frequency = hours.Count,
                        CaseFrequency = g.Select(t => t.Journey).Distinct().Count(),
                        MeanHours = Statistics.Mean(hours)!.Value,
                        MedianHours = Statistics.Median(hours)!.Value,
                        IsRework = to.Sequence < from.Sequence,
                    };
                })
                .OrderBy(e => stages[e.FromStageId].Sequence).ThenBy(e => stages[e.ToStageId].Sequence)
                .ThenBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
                .ThenBy(e => e.FromStageId.ToString("D"), StringComparer.Ordinal).ThenBy(e => e.ToStageId.ToString("D"), StringComparer.Ordinal)
                .ToList();

            var nodes = InStageOrder(caseVisits.Values.SelectMany(v => v).Select(v => v.StageId).Distinct(), id => id)
                .Select(id =>
                {
                    var stage = stages[id];
                    var visitors = withVisits.Where(j => caseVisits[j.Id].Any(v => v.StageId == id)).ToList();
                    return new StageNode
                    {
                        StageId = id,
                        Stage = stage.Name,
                        Sequence = stage.Sequence,
                        Visits = caseVisits.Values.Sum(vs => vs.Count(v => v.StageId == id)),
                        Journeys = visitors.Count,
                        Rework = edges.Where(e => e.IsRework && e.ToStageId == id).Sum(e => e.Frequency),
                        DropOff = new Ratio(visitors.Count(j => IsDropped(j.Status) && caseVisits[j.Id].Last().StageId == id), visitors.Count),
                    };
                })
                .ToList();

            var startStages = InStageOrder(withVisits.GroupBy(j => caseVisits[j.Id][0].StageId), g => g.Key)
                .Select(g => new StageCount { StageId = g.Key, Stage = stages[g.Key].Name, Journeys = g.Count() })
                .ToList();
            var endStages = InStageOrder(withVisits.GroupBy(j => caseVisits[j.Id].Last().StageId), g => g.Key)
                .SelectMany(g => g.GroupBy(j => j.Status).OrderBy(s => s.Key)
                    .Select(s => new EndStageCount { StageId = g.Key, Stage = stages[g.Key].Name, Status = s.Key, Journeys = s.Count() }))
                .ToList();

            return new StageMap { Nodes = nodes, Edges = edges, StartStages = startStages, EndStages = endStages };
        }

        private static bool IsDropped(JourneyStatus status) => status == JourneyStatus.Dropped || status == JourneyStatus.Cancelled;

        // ---- §3 variants --------------------------------------------------------------------------------------------

        private List<VariantMetric> Variants()
        {
            var sequences = cases.Where(j => caseVisits[j.Id].Count > 0)
                .Select(j => string.Join(" > ", caseVisits[j.Id].Select(v => stages[v.StageId].Name)))
                .ToList();
            return sequences.GroupBy(s => s, StringComparer.Ordinal)
                .Select(g => new VariantMetric { Sequence = g.Key, Journeys = g.Count(), Share = (decimal)g.Count() / sequences.Count })
                .OrderByDescending(v => v.Journeys).ThenBy(v => v.Sequence, StringComparer.Ordinal)
                .Take(filter.TopVariants)
                .ToList();
        }

        // ---- §4 durations -------------------------------------------------------------------------------------------

        private List<StageVisitRecord> ClosedCaseVisits() =>
            caseVisits.Values.SelectMany(v => v).Where(v => v.ExitedOn.HasValue).ToList();

        private DurationMetrics Durations(IEnumerable<StageNode> nodes)
        {
            var closed = ClosedCaseVisits();
            var stageDurations = nodes.Select(n =>
            {
                var visits = closed.Where(v => v.StageId == n.StageId).ToList();
                var hours = visits.Select(v => Statistics.Hours(v.ExitedOn!.Value - v.EnteredOn)).ToList();
                return new StageDuration
                {
                    StageId = n.StageId,
                    Stage = n.Stage,
                    Count = hours.Count,
                    MeanHours = Statistics.Mean(hours),
                    MedianHours = Statistics.Median(hours),
                    P90Hours = Statistics.Quantile(hours, NinetiethPercentile),
                    Overdue = new Ratio(visits.Count(v => v.WasOverdue), visits.Count),
                };
            }).ToList();

            var journeyHours = cases.Where(j => j.Status == JourneyStatus.Completed && j.CompletedOn.HasValue)
                .Select(j => Statistics.Hours(j.CompletedOn!.Value - j.StartedOn)).ToList();

            var responded = Referrals().Where(r => r.FirstResponseOn.HasValue).ToList();
            return new DurationMetrics
            {
                Stages = stageDurations,
                Journeys = new JourneyDurations
                {
                    Count = journeyHours.Count,
                    MedianHours = Statistics.Median(journeyHours),
                    P90Hours = Statistics.Quantile(journeyHours, NinetiethPercentile),
                },
                ReferralFirstResponse = new FirstResponseDurations
                {
                    Count = responded.Count,
                    MedianCalendarHours = Statistics.Median(responded.Select(r => Statistics.Hours(r.FirstResponseOn!.Value - r.SubmittedOn!.Value))),
                    MedianBusinessHours = Statistics.Median(responded.Select(r => Statistics.Hours(calendar.BusinessTimeBetween(r.SubmittedOn!.Value, r.FirstResponseOn!.Value)))),
                },
            };
        }

        // ---- §6 KPIs ------------------------------------------------------------------------------------------------

        private KpiMetrics Kpis(DurationMetrics durations)
        {
            var surveys = log.Surveys.Where(s => s.Score.HasValue && filter.InPeriod(s.RespondedOn) && JourneyOnPathway(s.JourneyId)).ToList();
            var categories = surveys.Select(s => NetPromoter.Categorise(s.Score!.Value)).ToList();
            var promoters = categories.Count(c => c == NpsCategory.Promoter);

            var appointments = log.Appointments.Where(a => filter.InPeriod(a.ScheduledStart) && JourneyOnPathway(a.JourneyId)).ToList();
            var noShows = appointments.Count(a => a.Attendance == AppointmentAttendance.NoShow);
            var attended = appointments.Count(a => IsAttended(a.Attendance));

            var followUps = log.FollowUps.Where(f => filter.InPeriod(f.DueOn) && JourneyOnPathway(f.JourneyId)).ToList();
            var completed = followUps.Count(f => f.Status == FollowUpStatus.Completed);
            var failed = followUps.Count(f => f.Status == FollowUpStatus.Failed);
            var pastDue = followUps.Count(f => (f.Status == FollowUpStatus.Pending || f.Status == FollowUpStatus.Due) && f.DueOn < asOf);

            var closed = ClosedCaseVisits();
            var discharges = Discharges();
            var closedWindows = discharges.Where(d => d.Visit.EnteredOn + ReadmissionWindow <= asOf).ToList();

            return new KpiMetrics
            {
                Nps = new NpsMetric
                {
                    Score = NetPromoter.Score(surveys.Select(s => s.Score!.Value)),
                    Responses = surveys.Count,
                    Promoters = promoters,
                    Passives = categories.Count(c => c == NpsCategory.Passive),
                    Detractors = categories.Count(c => c == NpsCategory.Detractor),
                },
                TopBox = new Ratio(promoters, surveys.Count),
                NoShowRate = new Ratio(noShows, attended + noShows),
                ReferralConversion = Conversion(),
                ReferralSlaAttainment = SlaAttainment(),
                ReferralsBySource = Referrals()
                    .GroupBy(r => string.IsNullOrWhiteSpace(r.Source) ? JourneyMetricsJson.Unspecified : r.Source!.Trim(), StringComparer.Ordinal)
                    .Select(g => new ReferralSource { Source = g.Key, Referrals = g.Count() })
                    .OrderByDescending(s => s.Referrals).ThenBy(s => s.Source, StringComparer.Ordinal)
                    .ToList(),
                Readmission30Day = new Ratio(closedWindows.Count(d => Readmitted(d)), closedWindows.Count),
                FollowUpRetention = Retention(discharges),
                FollowUpCompletion = new Ratio(completed, completed + failed + pastDue),
                FollowUpSuppressed = new Ratio(followUps.Count(f => f.Status == FollowUpStatus.Suppressed), followUps.Count(f => f.Kind == FollowUpKind.AutomatedMessage)),
                StageEfficiency = new StageEfficiency
                {
                    Overdue = new Ratio(closed.Count(v => v.WasOverdue), closed.Count),
                    Stages = durations.Stages.Select(s =>
                    {
                        var target = stages[s.StageId].TargetHours;
                        return new StageEfficiencyRow
                        {
                            StageId = s.StageId,
                            Stage = s.Stage,
                            MedianHours = s.MedianHours,
                            TargetHours = target,
                            MedianToTarget = s.MedianHours.HasValue && target.HasValue && target.Value > 0 ? s.MedianHours.Value / target.Value : (decimal?)null,
                        };
                    }).ToList(),
                },
                Engagement = Engagement(),
                PainPoints = PainPoints(surveys),
                NewPatients = NewPatients(),
            };
        }

        private static bool IsAttended(AppointmentAttendance? attendance) =>
            attendance == AppointmentAttendance.Arrived || attendance == AppointmentAttendance.Fulfilled;

        private List<ReferralRecord> Referrals() =>
            log.Referrals.Where(r => r.SubmittedOn.HasValue && filter.InPeriod(r.SubmittedOn.Value) && ReferralOnPathway(r)).ToList();

        private ReferralConversion Conversion()
        {
            var referrals = Referrals();
            Ratio Share(params ReferralStatus[] statuses) => new Ratio(referrals.Count(r => statuses.Contains(r.Status)), referrals.Count);
            return new ReferralConversion
            {
                Submitted = referrals.Count,
                Accepted = Share(ReferralStatus.Accepted, ReferralStatus.Scheduled, ReferralStatus.Completed),
                Scheduled = Share(ReferralStatus.Scheduled, ReferralStatus.Completed),
                Completed = Share(ReferralStatus.Completed),
                Rejected = Share(ReferralStatus.Rejected),
                Cancelled = Share(ReferralStatus.Cancelled),
                Expired = Share(ReferralStatus.Expired),
            };
        }

        private Ratio SlaAttainment()
        {
            var measured = Referrals().Where(r => r.FirstResponseOn.HasValue && r.SlaDueOn.HasValue).ToList();
            return new Ratio(measured.Count(r => r.FirstResponseOn!.Value <= r.SlaDueOn!.Value), measured.Count);
        }

        private sealed class Discharge
        {
            public Discharge(JourneyRecord journey, StageVisitRecord visit)
            {
                Journey = journey;
                Visit = visit;
            }

            public JourneyRecord Journey { get; }
            public StageVisitRecord Visit { get; }
        }

        /// <summary>The cases' visits that enter a post-care stage straight from an earlier phase.</summary>
        private List<Discharge> Discharges()
        {
            var discharges = new List<Discharge>();
            foreach (var journey in cases)
            {
                var all = VisitsOf(journey.Id);
                for (var i = 1; i < all.Count; i++)
                {
                    var previous = stages[all[i - 1].StageId].Phase;
                    if (stages[all[i].StageId].Phase == StagePhase.PostCare && previous.HasValue && previous.Value < StagePhase.PostCare
                        && filter.InPeriod(all[i].EnteredOn))
                        discharges.Add(new Discharge(journey, all[i]));
                }
            }
            return discharges;
        }

        /// <summary>The same patient enters a during-care stage, on any journey, within 30 days after the discharge.</summary>
        private bool Readmitted(Discharge discharge)
        {
            var dischargedOn = discharge.Visit.EnteredOn;
            return journeysByPatient[discharge.Journey.PatientId]
                .SelectMany(j => VisitsOf(j.Id))
                .Any(v => stages[v.StageId].Phase == StagePhase.DuringCare && v.EnteredOn > dischargedOn && v.EnteredOn <= dischargedOn + ReadmissionWindow);
        }

        /// <summary>Of the patients discharged in the period, those with an attended appointment within 90 days of their first discharge there.</summary>
        private Ratio Retention(List<Discharge> discharges)
        {
            var firstDischarge = discharges.GroupBy(d => d.Journey.PatientId).ToDictionary(g => g.Key, g => g.Min(d => d.Visit.EnteredOn));
            var attendedByPatient = log.Appointments.Where(a => IsAttended(a.Attendance) && PatientOf(a).HasValue).ToLookup(a => PatientOf(a)!.Value);
            var retained = firstDischarge.Count(p => attendedByPatient[p.Key].Any(a => a.ScheduledStart > p.Value && a.ScheduledStart <= p.Value + RetentionWindow));
            return new Ratio(retained, firstDischarge.Count);
        }

        private Guid? PatientOf(AppointmentRecord appointment) =>
            appointment.PatientId ?? (appointment.JourneyId.HasValue && journeys.TryGetValue(appointment.JourneyId.Value, out var journey) ? journey.PatientId : (Guid?)null);

        private List<TouchpointRecord> Touchpoints() =>
            log.Touchpoints.Where(t => filter.InPeriod(t.OccurredOn) && JourneyOnPathway(t.JourneyId)).ToList();

        private Engagement Engagement()
        {
            var touchpoints = Touchpoints();
            var caseIds = new HashSet<Guid>(cases.Select(j => j.Id));
            return new Engagement
            {
                TouchpointsPerJourney = new Ratio(touchpoints.Count(t => t.JourneyId.HasValue && caseIds.Contains(t.JourneyId.Value)), cases.Count),
                ByChannel = touchpoints.GroupBy(t => new { t.Channel, t.Direction })
                    .Select(g => new ChannelCount { Channel = g.Key.Channel, Direction = g.Key.Direction, Touchpoints = g.Count() })
                    .OrderByDescending(c => c.Touchpoints)
                    .ThenBy(c => JourneyMetricsJson.ChoiceName(c.Channel), StringComparer.Ordinal)
                    .ThenBy(c => JourneyMetricsJson.ChoiceName(c.Direction), StringComparer.Ordinal)
                    .ToList(),
            };
        }

        /// <summary>
        /// Pain points per stage (null when the touchpoint names none the log knows) and category (none = other); detractor
        /// responses are the period's detractor surveys on the journeys that reported that pain point.
        /// </summary>
        private List<PainPointMetric> PainPoints(List<SurveyRecord> surveys)
        {
            var detractorJourneys = surveys.Where(s => s.JourneyId.HasValue && NetPromoter.Categorise(s.Score!.Value) == NpsCategory.Detractor)
                .Select(s => s.JourneyId!.Value).ToList();
            return Touchpoints().Where(t => t.IsPainPoint)
                .GroupBy(t => new { Stage = t.StageId.HasValue && stages.ContainsKey(t.StageId.Value) ? t.StageId : null, Category = t.PainPointCategory ?? PainPointCategory.Other })
                .Select(g =>
                {
                    var reporting = new HashSet<Guid>(g.Where(t => t.JourneyId.HasValue).Select(t => t.JourneyId!.Value));
                    return new PainPointMetric
                    {
                        StageId = g.Key.Stage,
                        Stage = g.Key.Stage.HasValue ? stages[g.Key.Stage.Value].Name : null,
                        Category = g.Key.Category,
                        Touchpoints = g.Count(),
                        NegativeSentiment = new Ratio(g.Count(t => t.Sentiment == Sentiment.Negative), g.Count()),
                        DetractorResponses = detractorJourneys.Count(reporting.Contains),
                    };
                })
                .OrderBy(p => p.StageId.HasValue ? 0 : 1)
                .ThenBy(p => p.StageId.HasValue ? stages[p.StageId.Value].Sequence : 0)
                .ThenBy(p => p.Stage ?? "", StringComparer.Ordinal)
                .ThenBy(p => p.StageId?.ToString("D") ?? "", StringComparer.Ordinal)
                .ThenBy(p => JourneyMetricsJson.ChoiceName<PainPointCategory>(p.Category), StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>Patients whose first journey (any pathway; ties by journey id) started in the period, on the pathway.</summary>
        private int NewPatients() =>
            log.Journeys.GroupBy(j => j.PatientId)
                .Select(g => g.OrderBy(j => j.StartedOn).ThenBy(j => j.Id).First())
                .Count(first => OnPathway(first) && filter.InPeriod(first.StartedOn));

        // ---- the filter ---------------------------------------------------------------------------------------------

        private bool OnPathway(JourneyRecord journey) => !filter.PathwayId.HasValue || journey.PathwayId == filter.PathwayId.Value;

        /// <summary>An event reaches a pathway through its journey; without a pathway filter every event counts.</summary>
        private bool JourneyOnPathway(Guid? journeyId) =>
            !filter.PathwayId.HasValue || (journeyId.HasValue && journeys.TryGetValue(journeyId.Value, out var journey) && OnPathway(journey));

        private bool ReferralOnPathway(ReferralRecord referral) =>
            !filter.PathwayId.HasValue || (referral.PathwayId.HasValue ? referral.PathwayId.Value == filter.PathwayId.Value : JourneyOnPathway(referral.JourneyId));

        private List<StageVisitRecord> VisitsOf(Guid journeyId) =>
            visitsByJourney.TryGetValue(journeyId, out var visits) ? visits : new List<StageVisitRecord>();

        private IEnumerable<T> InStageOrder<T>(IEnumerable<T> items, Func<T, Guid> stageId) =>
            items.OrderBy(i => stages[stageId(i)].Sequence)
                .ThenBy(i => stages[stageId(i)].Name, StringComparer.Ordinal)
                .ThenBy(i => stageId(i).ToString("D"), StringComparer.Ordinal);
    }
}
