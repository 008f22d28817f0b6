using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using PatientJourney.Crm.Domain;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.Plugins.Infrastructure;
using Api = PatientJourney.Crm.Domain.LogicalNames.CustomApis.GetDueFollowUps;

namespace PatientJourney.Crm.Plugins.CustomApis
{
    /// <summary>
    /// pj_GetDueFollowUps, for a delivery flow: the automated messages that are due now (pending or due, due time
    /// reached; suppressed ones are never returned), optionally on one channel, earliest first, one page at a time
    /// (default 50, at most 500). One query.
    /// </summary>
    public sealed class GetDueFollowUps : PluginBase
    {
        public const int DefaultPageSize = 50;
        public const int MaxPageSize = 500;

        protected override void Execute(LocalPluginContext context)
        {
            var pageSize = context.OptionalValue<int>(Api.InPageSize) ?? DefaultPageSize;
            var pageNumber = context.OptionalValue<int>(Api.InPageNumber) ?? 1;
            if (pageSize < 1 || pageSize > MaxPageSize) throw new BusinessRuleViolation($"The page size must be between 1 and {MaxPageSize}.");
            if (pageNumber < 1) throw new BusinessRuleViolation("The page number starts at 1.");
            var channel = context.OptionalInput<OptionSetValue>(Api.InChannel);

            var query = new QueryExpression(FollowUpTable.LogicalName)
            {
                ColumnSet = new ColumnSet(FollowUpTable.Name, FollowUpTable.Type, FollowUpTable.Kind, FollowUpTable.Channel, FollowUpTable.DueOn, FollowUpTable.Status,
                    FollowUpTable.PatientId, FollowUpTable.JourneyId, FollowUpTable.AppointmentId, FollowUpTable.IdempotencyKey),
                PageInfo = new PagingInfo { Count = pageSize, PageNumber = pageNumber, ReturnTotalRecordCount = false },
            };
            query.Criteria.AddCondition(FollowUpTable.Status, ConditionOperator.In, FollowUpTable.StatusOptions.Pending, FollowUpTable.StatusOptions.Due);
            query.Criteria.AddCondition(FollowUpTable.Kind, ConditionOperator.Equal, Choices.FollowUpKind.AutomatedMessage);
            query.Criteria.AddCondition(FollowUpTable.DueOn, ConditionOperator.LessEqual, context.Now);
            if (channel != null) query.Criteria.AddCondition(FollowUpTable.Channel, ConditionOperator.Equal, channel.Value);
            query.AddOrder(FollowUpTable.DueOn, OrderType.Ascending);
            query.AddOrder(FollowUpTable.PrimaryId, OrderType.Ascending);

            var page = context.UserService.RetrieveMultiple(query);
            var result = new EntityCollection(page.Entities) { EntityName = FollowUpTable.LogicalName, MoreRecords = page.MoreRecords };
            context.ExecutionContext.OutputParameters[Api.OutFollowUps] = result;
            context.ExecutionContext.OutputParameters[Api.OutMoreRecords] = page.MoreRecords;
            context.Trace("Due follow-ups: page {0}, {1} returned", pageNumber, page.Entities.Count);
        }
    }
}
