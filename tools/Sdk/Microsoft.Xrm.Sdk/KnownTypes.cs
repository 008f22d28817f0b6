using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>Types that may appear as values in attribute/parameter collections, for [KnownType] methods.</summary>
    internal static class KnownTypes
    {
        private static readonly Type[] ValueTypes =
        {
            typeof(Entity), typeof(EntityReference), typeof(EntityCollection), typeof(EntityReferenceCollection),
            typeof(OptionSetValue), typeof(OptionSetValueCollection), typeof(Money), typeof(AliasedValue),
            typeof(Relationship), typeof(EntityState), typeof(EntityRole), typeof(ConcurrencyBehavior),
            typeof(EntityImageCollection), typeof(RelationshipQueryCollection),
            typeof(OrganizationRequestCollection), typeof(OrganizationResponseCollection),
            typeof(ExecuteMultipleSettings), typeof(ExecuteMultipleResponseItem), typeof(ExecuteMultipleResponseItemCollection),
            typeof(OrganizationServiceFault), typeof(ColumnSet), typeof(QueryExpression), typeof(QueryByAttribute),
            typeof(FetchExpression), typeof(PagingInfo), typeof(FilterExpression), typeof(ConditionExpression),
            typeof(LinkEntity), typeof(OrderExpression), typeof(ConditionOperator), typeof(LogicalOperator),
            typeof(JoinOperator), typeof(OrderType),
            typeof(Guid[]), typeof(string[]), typeof(int[]), typeof(long[]), typeof(bool[]), typeof(decimal[]),
            typeof(double[]), typeof(DateTime[]), typeof(object[]), typeof(Entity[]), typeof(EntityReference[]),
            typeof(OptionSetValue[]), typeof(Money[]),
            typeof(CreateRequest), typeof(CreateResponse), typeof(RetrieveRequest), typeof(RetrieveResponse),
            typeof(UpdateRequest), typeof(UpdateResponse), typeof(DeleteRequest), typeof(DeleteResponse),
            typeof(RetrieveMultipleRequest), typeof(RetrieveMultipleResponse), typeof(AssociateRequest),
            typeof(AssociateResponse), typeof(DisassociateRequest), typeof(DisassociateResponse),
            typeof(ExecuteMultipleRequest), typeof(ExecuteMultipleResponse), typeof(ExecuteTransactionRequest),
            typeof(ExecuteTransactionResponse), typeof(UpsertRequest), typeof(UpsertResponse),
            typeof(CreateMultipleRequest), typeof(CreateMultipleResponse), typeof(UpdateMultipleRequest),
            typeof(UpdateMultipleResponse),
        };

        internal static IEnumerable<Type> ParameterTypes()
        {
            return ValueTypes;
        }
    }
}
