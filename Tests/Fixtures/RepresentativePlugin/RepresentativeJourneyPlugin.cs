using System;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace RepresentativePlugin
{
    /// <summary>
    /// The plug-in half of sdk-surface.md Appendix A: an IPlugin with a (unsecure, secure) ctor using tracing, context,
    /// factory, GetAttributeValue&lt;T&gt;, the Entity indexer, QueryExpression/LinkEntity/FilterExpression/PagingInfo,
    /// RetrieveMultiple, Create/Retrieve/Update/Delete/Associate, CreateRequest/ExecuteMultipleRequest, WhoAmIRequest,
    /// SetStateRequest, FetchExpression, SharedVariables/OutputParameters and InvalidPluginExecutionException.
    /// Written so that every SDK member it touches is one Appendix A lists (e.g. the Entity indexer is only set,
    /// EntityReference.Id is never read), because the test compares the emitted MemberRefs with Appendix A.
    /// Never registered anywhere: it only has to compile.
    /// </summary>
    public sealed class RepresentativeJourneyPlugin : IPlugin
    {
        private readonly string _unsecureConfig;
        private readonly string _secureConfig;

        public RepresentativeJourneyPlugin(string unsecureConfig, string secureConfig)
        {
            _unsecureConfig = unsecureConfig;
            _secureConfig = secureConfig;
        }

        public void Execute(IServiceProvider serviceProvider)
        {
            var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService));
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext));
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory));
            IOrganizationService service = factory.CreateOrganizationService(context.UserId);
            IOrganizationService initiatingService = factory.CreateOrganizationService(context.InitiatingUserId);

            tracing.Trace(
                "{0} {1} stage {2} mode {3} depth {4} in transaction {5} config {6}/{7}",
                context.MessageName,
                context.PrimaryEntityName,
                context.Stage,
                context.Mode,
                context.Depth,
                context.IsInTransaction,
                _unsecureConfig,
                _secureConfig != null);
            if (context.ParentContext != null)
            {
                tracing.Trace("parent {0}", context.ParentContext.MessageName);
            }

            if (context.Depth > 1 || !context.InputParameters.Contains("Target"))
            {
                return;
            }

            var target = context.InputParameters["Target"] as Entity;
            if (target == null)
            {
                return;
            }

            Entity preImage = context.PreEntityImages.Contains("PreImage") ? context.PreEntityImages["PreImage"] : null;
            string name = target.GetAttributeValue<string>("pj_name");
            Money amount = target.GetAttributeValue<Money>("pj_amount");
            AliasedValue patientName = target.GetAttributeValue<AliasedValue>("patient.fullname");
            if (name == null && !target.Contains("pj_name") && !target.Attributes.Contains("pj_code"))
            {
                throw new InvalidPluginExecutionException(OperationStatus.Failed, "A journey needs a name.");
            }

            target["pj_lastprocessedon"] = DateTime.UtcNow;
            EntityReference journey = target.ToEntityReference();
            tracing.Trace("{0} {1} {2} {3} {4} {5} {6}", target.LogicalName, target.Id, journey.LogicalName, journey.Name, preImage, amount, patientName);

            // QueryExpression with a link, nested filter, order and paging.
            var paging = new PagingInfo { Count = 50, PageNumber = 1 };
            var query = new QueryExpression("pj_touchpoint");
            query.ColumnSet = new ColumnSet("pj_name", "pj_channel");
            query.NoLock = true;
            query.PageInfo = paging;
            query.TopCount = 500;
            query.Criteria.AddCondition("pj_journeyid", ConditionOperator.Equal, target.Id);
            FilterExpression either = query.Criteria.AddFilter(LogicalOperator.Or);
            either.AddCondition(new ConditionExpression("statecode", ConditionOperator.In, 0, 1));
            either.AddCondition("pj_channel", ConditionOperator.NotNull);
            LinkEntity patient = query.AddLink("contact", "pj_patientid", "contactid", JoinOperator.LeftOuter);
            patient.EntityAlias = "patient";
            patient.Columns = new ColumnSet(true);
            query.AddOrder("createdon", OrderType.Descending);

            int pageNumber = 1;
            EntityCollection page;
            do
            {
                page = service.RetrieveMultiple(query);
                foreach (Entity touchpoint in page.Entities)
                {
                    tracing.Trace("touchpoint {0}", touchpoint.Id);
                }

                tracing.Trace("cookie {0}", page.PagingCookie);
                pageNumber++;
                paging.PageNumber = pageNumber;
            }
            while (page.MoreRecords);

            EntityCollection fetched = service.RetrieveMultiple(new FetchExpression("<fetch top='1'><entity name='pj_journey'/></fetch>"));

            // Create / Retrieve / Update / Associate / Delete.
            var followUp = new Entity("pj_followup");
            followUp["pj_name"] = "Check-in";
            Guid followUpId = service.Create(followUp);
            Entity stored = service.Retrieve("pj_followup", followUpId, new ColumnSet("pj_name"));
            stored["pj_name"] = "Check-in (rescheduled)";
            service.Update(stored);
            var related = new EntityReferenceCollection();
            related.Add(journey);
            service.Associate("pj_followup", followUpId, new Relationship("pj_journey_followup"), related);
            service.Delete("pj_followup", followUpId);

            // Requests.
            var create = new CreateRequest { Target = new Entity("pj_touchpoint") };
            var created = (CreateResponse)initiatingService.Execute(create);
            var batch = new ExecuteMultipleRequest
            {
                Requests = new OrganizationRequestCollection(),
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false },
            };
            var batchResponse = (ExecuteMultipleResponse)service.Execute(batch);
            foreach (ExecuteMultipleResponseItem item in batchResponse.Responses)
            {
                if (item.Fault != null)
                {
                    tracing.Trace("fault {0}", item.Fault.Message);
                }
            }

            var whoAmI = (WhoAmIResponse)service.Execute(new WhoAmIRequest());
            service.Execute(new SetStateRequest { EntityMoniker = journey, State = new OptionSetValue(1), Status = new OptionSetValue(2) });

            context.SharedVariables["pj_processed"] = true;
            context.OutputParameters["pj_touchpointid"] = created.id;
            tracing.Trace("{0} {1}", fetched, whoAmI);
        }
    }
}
