using System;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>
    /// The audit history types as tools/Sdk/sdk-surface-additions.md records them from Microsoft's reference: request
    /// names and parameter keys, the response keys the typed properties read, and AuditDetail's known types (a detail
    /// travels as its base type in an AuditDetailCollection).
    /// </summary>
    public class AuditTypesTests
    {
        [Fact]
        public void Requests_carry_their_message_names_and_parameter_keys()
        {
            var target = new EntityReference("pj_journey", Guid.NewGuid());
            var paging = new PagingInfo { PageNumber = 1, Count = 20 };
            var record = new RetrieveRecordChangeHistoryRequest { Target = target, PagingInfo = paging };
            var column = new RetrieveAttributeChangeHistoryRequest { Target = target, AttributeLogicalName = "pj_name", PagingInfo = paging };
            var details = new RetrieveAuditDetailsRequest { AuditId = target.Id };

            Assert.Equal("RetrieveRecordChangeHistory", record.RequestName);
            Assert.Equal(new[] { "PagingInfo", "Target" }, record.Parameters.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("RetrieveAttributeChangeHistory", column.RequestName);
            Assert.Equal("pj_name", column.Parameters["AttributeLogicalName"]);
            Assert.Equal("RetrieveAuditDetails", details.RequestName);
            Assert.Equal(target.Id, details.Parameters["AuditId"]);
        }

        [Fact]
        public void Responses_read_their_results_keys()
        {
            var collection = new AuditDetailCollection();
            collection.Add(new ShareAuditDetail { NewPrivileges = AccessRights.ReadAccess });
            var history = new RetrieveRecordChangeHistoryResponse();
            history.Results["AuditDetailCollection"] = collection;
            var one = new RetrieveAuditDetailsResponse();
            one.Results["AuditDetail"] = collection[0];

            Assert.Same(collection, history.AuditDetailCollection);
            Assert.Equal(1, history.AuditDetailCollection.Count);
            Assert.Same(collection[0], one.AuditDetail);
            Assert.Null(new RetrieveAttributeChangeHistoryResponse().AuditDetailCollection);
        }

        [Fact]
        public void Details_round_trip_as_their_base_type_through_the_known_types()
        {
            var collection = new AuditDetailCollection { MoreRecords = true, TotalRecordCount = 2 };
            var relationship = new RelationshipAuditDetail { RelationshipName = "pj_journey_tag" };
            relationship.TargetRecords.Add(new EntityReference("pj_tag", Guid.NewGuid()));
            collection.Add(relationship);
            collection.Add(new ShareAuditDetail { Principal = new EntityReference("systemuser", Guid.NewGuid()), OldPrivileges = AccessRights.None, NewPrivileges = AccessRights.ReadAccess | AccessRights.WriteAccess });

            var serializer = new DataContractSerializer(typeof(AuditDetailCollection));
            using var stream = new MemoryStream();
            serializer.WriteObject(stream, collection);
            stream.Position = 0;
            var copy = (AuditDetailCollection)serializer.ReadObject(stream)!;

            Assert.True(copy.MoreRecords);
            Assert.Equal(2, copy.TotalRecordCount);
            var related = Assert.IsType<RelationshipAuditDetail>(copy[0]);
            Assert.Equal("pj_journey_tag", related.RelationshipName);
            Assert.Equal(relationship.TargetRecords[0].Id, related.TargetRecords.Single().Id);
            var share = Assert.IsType<ShareAuditDetail>(copy[1]);
            Assert.Equal(AccessRights.ReadAccess | AccessRights.WriteAccess, share.NewPrivileges);
        }
    }
}
