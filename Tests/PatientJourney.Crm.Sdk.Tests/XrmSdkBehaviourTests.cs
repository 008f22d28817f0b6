using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>sdk-surface.md §7 (behaviour notes) and §2.9, §4 (message keys), on the net10.0 stand-ins.</summary>
    public class XrmSdkBehaviourTests
    {
        [Fact]
        public void Attribute_keys_are_case_sensitive()
        {
            var entity = new Entity("contact");
            entity["firstname"] = "Ada";

            Assert.True(entity.Contains("firstname"));
            Assert.False(entity.Contains("FirstName"));
            Assert.False(entity.Attributes.ContainsKey("FIRSTNAME"));
            entity["FirstName"] = "Other";
            Assert.Equal(2, entity.Attributes.Count);
        }

        [Fact]
        public void Indexer_of_a_missing_key_throws_KeyNotFoundException()
        {
            var entity = new Entity("contact");
            var parameters = new ParameterCollection();

            Assert.Throws<KeyNotFoundException>(() => entity["missing"]);
            Assert.Throws<KeyNotFoundException>(() => parameters["Target"]);
        }

        [Fact]
        public void Add_of_a_duplicate_key_throws()
        {
            var attributes = new AttributeCollection { { "name", 1 } };
            Assert.Throws<ArgumentException>(() => attributes.Add("name", 2));
        }

        [Fact]
        public void GetAttributeValue_returns_default_when_missing_or_null_and_casts_directly()
        {
            var entity = new Entity("contact");
            entity["age"] = 42;
            entity["nothing"] = null;

            Assert.Equal(42, entity.GetAttributeValue<int>("age"));
            Assert.Equal(0, entity.GetAttributeValue<int>("missing"));
            Assert.Null(entity.GetAttributeValue<string>("missing"));
            Assert.Null(entity.GetAttributeValue<int?>("nothing"));
            Assert.Throws<InvalidCastException>(() => entity.GetAttributeValue<string>("age"));
            Assert.Throws<InvalidCastException>(() => entity.GetAttributeValue<long>("age"));
            Assert.Throws<ArgumentNullException>(() => entity.GetAttributeValue<int>(null!));
            Assert.Throws<ArgumentNullException>(() => entity.GetAttributeValue<int>("  "));
        }

        [Fact]
        public void Entity_collections_are_never_null()
        {
            var entity = new Entity();
            Assert.NotNull(entity.Attributes);
            Assert.NotNull(entity.FormattedValues);
            Assert.NotNull(entity.KeyAttributes);
            Assert.NotNull(entity.RelatedEntities);
            Assert.NotNull(new EntityCollection().Entities);
        }

        [Fact]
        public void ToEntityReference_copies_name_and_id_but_not_Name()
        {
            var id = Guid.NewGuid();
            var entity = new Entity("contact", id) { RowVersion = "7" };
            entity["fullname"] = "Ada Lovelace";

            EntityReference reference = entity.ToEntityReference();

            Assert.Equal("contact", reference.LogicalName);
            Assert.Equal(id, reference.Id);
            Assert.Equal("7", reference.RowVersion);
            Assert.Null(reference.Name);
        }

        [Fact]
        public void EntityReference_equality_ignores_Name_but_not_id_or_logical_name_case()
        {
            var id = Guid.NewGuid();
            var a = new EntityReference("contact", id) { Name = "Ada" };
            var b = new EntityReference("contact", id) { Name = "Someone else" };

            Assert.True(a.Equals(b));
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.False(a.Equals(new EntityReference("Contact", id)));
            Assert.False(a.Equals(new EntityReference("contact", Guid.NewGuid())));
            Assert.False(a.Equals(null));
        }

        [Fact]
        public void OptionSetValue_and_Money_are_equal_by_value()
        {
            // Two separate instances with the same value: equal only because Equals/GetHashCode compare Value.
            OptionSetValue three = new(3), alsoThree = new(3);
            Assert.NotSame(three, alsoThree);
            Assert.Equal(three, alsoThree);
            Assert.Equal(three.GetHashCode(), alsoThree.GetHashCode());
            Assert.NotEqual(three, new OptionSetValue(4));
            Money price = new(12.5m), samePrice = new(12.5m);
            Assert.NotSame(price, samePrice);
            Assert.Equal(price, samePrice);
            Assert.Equal(price.GetHashCode(), samePrice.GetHashCode());
            Assert.NotEqual(price, new Money(12.6m));
        }

        [Fact]
        public void Read_only_collection_rejects_mutation()
        {
            var attributes = new AttributeCollection { { "name", "x" } };
            MethodInfo setter = typeof(DataCollection<string, object>).GetProperty(nameof(DataCollection<string, object>.IsReadOnly))!.GetSetMethod(nonPublic: true)!;
            Assert.False(setter.IsPublic);
            setter.Invoke(attributes, new object[] { true });

            Assert.True(attributes.IsReadOnly);
            Assert.Equal("The collection is read-only.", Assert.Throws<InvalidOperationException>(() => attributes["name"] = "y").Message);
            Assert.Throws<InvalidOperationException>(() => attributes.Add("other", 1));
            Assert.Throws<InvalidOperationException>(() => attributes.Remove("name"));
            Assert.Throws<InvalidOperationException>(() => attributes.Clear());
            Assert.Equal("x", attributes["name"]);
        }

        [Fact]
        public void ParameterCollection_AddOrUpdateIfNotNull_skips_null()
        {
            var parameters = new ParameterCollection();
            parameters.AddOrUpdateIfNotNull("a", null);
            parameters.AddOrUpdateIfNotNull("b", 1);
            parameters.AddOrUpdateIfNotNull("b", 2);

            Assert.False(parameters.Contains("a"));
            Assert.Equal(2, parameters["b"]);
        }

        [Fact]
        public void ColumnSet_constructors()
        {
            Assert.True(new ColumnSet(true).AllColumns);
            Assert.Equal(new[] { "a", "b" }, new ColumnSet("a", "b").Columns);
        }

        [Fact]
        public void Xrm_requests_use_the_documented_names_and_keys()
        {
            var entity = new Entity("contact");
            var reference = new EntityReference("contact", Guid.NewGuid());

            var create = new CreateRequest { Target = entity };
            Assert.Equal("Create", create.RequestName);
            Assert.Same(entity, create.Parameters["Target"]);

            var update = new UpdateRequest { Target = entity, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches };
            Assert.Equal("Update", update.RequestName);
            Assert.Same(entity, update.Parameters["Target"]);
            Assert.Equal(ConcurrencyBehavior.IfRowVersionMatches, update.Parameters["ConcurrencyBehavior"]);

            var delete = new DeleteRequest { Target = reference };
            Assert.Equal("Delete", delete.RequestName);
            Assert.Same(reference, delete.Parameters["Target"]);

            var columns = new ColumnSet("fullname");
            var retrieve = new RetrieveRequest { Target = reference, ColumnSet = columns };
            Assert.Equal("Retrieve", retrieve.RequestName);
            Assert.Same(reference, retrieve.Parameters["Target"]);
            Assert.Same(columns, retrieve.Parameters["ColumnSet"]);

            var query = new QueryExpression("contact");
            var retrieveMultiple = new RetrieveMultipleRequest { Query = query };
            Assert.Equal("RetrieveMultiple", retrieveMultiple.RequestName);
            Assert.Same(query, retrieveMultiple.Parameters["Query"]);

            var related = new EntityReferenceCollection();
            var relationship = new Relationship("contact_journeys");
            var associate = new AssociateRequest { Target = reference, Relationship = relationship, RelatedEntities = related };
            Assert.Equal("Associate", associate.RequestName);
            Assert.Same(reference, associate.Parameters["Target"]);
            Assert.Same(relationship, associate.Parameters["Relationship"]);
            Assert.Same(related, associate.Parameters["RelatedEntities"]);

            var requests = new OrganizationRequestCollection();
            var settings = new ExecuteMultipleSettings();
            var multiple = new ExecuteMultipleRequest { Requests = requests, Settings = settings };
            Assert.Equal("ExecuteMultiple", multiple.RequestName);
            Assert.Same(requests, multiple.Parameters["Requests"]);
            Assert.Same(settings, multiple.Parameters["Settings"]);
        }

        [Fact]
        public void Request_getters_return_default_when_the_key_is_missing()
        {
            Assert.Null(new CreateRequest().Target);
            Assert.Null(new RetrieveRequest().ColumnSet);
            Assert.Null(new SetStateRequest().EntityMoniker);
            Assert.Null(new AssignRequest().Assignee);
            Assert.Equal(Guid.Empty, new CreateResponse().id);
            Assert.Equal(Guid.Empty, new WhoAmIResponse().UserId);
        }

        [Fact]
        public void Xrm_responses_read_their_documented_keys()
        {
            var id = Guid.NewGuid();
            var createResponse = new CreateResponse();
            createResponse.Results["id"] = id;
            Assert.Equal(id, createResponse.id);

            var entity = new Entity("contact");
            var retrieveResponse = new RetrieveResponse();
            retrieveResponse.Results["Entity"] = entity;
            Assert.Same(entity, retrieveResponse.Entity);

            var collection = new EntityCollection();
            var retrieveMultipleResponse = new RetrieveMultipleResponse();
            retrieveMultipleResponse.Results["EntityCollection"] = collection;
            Assert.Same(collection, retrieveMultipleResponse.EntityCollection);

            var items = new ExecuteMultipleResponseItemCollection();
            var multipleResponse = new ExecuteMultipleResponse();
            multipleResponse.Results["Responses"] = items;
            multipleResponse.Results["IsFaulted"] = true;
            Assert.Same(items, multipleResponse.Responses);
            Assert.True(multipleResponse.IsFaulted);
        }

        [Fact]
        public void Crm_messages_use_the_documented_names_and_keys()
        {
            var moniker = new EntityReference("pj_journey", Guid.NewGuid());
            var setState = new SetStateRequest { EntityMoniker = moniker, State = new OptionSetValue(1), Status = new OptionSetValue(2) };
            Assert.Equal("SetState", setState.RequestName);
            Assert.Same(moniker, setState.Parameters["EntityMoniker"]);
            Assert.Equal(new OptionSetValue(1), setState.Parameters["State"]);
            Assert.Equal(new OptionSetValue(2), setState.Parameters["Status"]);
            Assert.Same(moniker, setState.EntityMoniker);

            Assert.Equal("WhoAmI", new WhoAmIRequest().RequestName);
            Assert.Empty(new WhoAmIRequest().Parameters);

            var assignee = new EntityReference("systemuser", Guid.NewGuid());
            var assign = new AssignRequest { Target = moniker, Assignee = assignee };
            Assert.Equal("Assign", assign.RequestName);
            Assert.Same(moniker, assign.Parameters["Target"]);
            Assert.Same(assignee, assign.Parameters["Assignee"]);

            Guid user = Guid.NewGuid(), unit = Guid.NewGuid(), org = Guid.NewGuid();
            var whoAmI = new WhoAmIResponse();
            whoAmI.Results["UserId"] = user;
            whoAmI.Results["BusinessUnitId"] = unit;
            whoAmI.Results["OrganizationId"] = org;
            Assert.Equal(user, whoAmI.UserId);
            Assert.Equal(unit, whoAmI.BusinessUnitId);
            Assert.Equal(org, whoAmI.OrganizationId);

            Assert.Empty(new SetStateResponse().Results);
        }

        [Fact]
        public void InvalidPluginExecutionException_status_error_code_and_http_status()
        {
            var plain = new InvalidPluginExecutionException("Nope");
            Assert.Equal(OperationStatus.Failed, plain.Status);
            Assert.Equal(PluginHttpStatusCode.NotSet, plain.HttpStatus);
            Assert.Equal("Nope", plain.Message);
            Assert.Equal(OperationStatus.Failed, new InvalidPluginExecutionException().Status);

            var canceled = new InvalidPluginExecutionException(OperationStatus.Canceled, "Stop");
            Assert.Equal(OperationStatus.Canceled, canceled.Status);
            Assert.Equal("Stop", canceled.Message);

            var retry = new InvalidPluginExecutionException(OperationStatus.Retry, -2147220891, "Again");
            Assert.Equal(OperationStatus.Retry, retry.Status);
            Assert.Equal(-2147220891, retry.ErrorCode);
            Assert.Equal(-2147220891, retry.HResult);

            var http = new InvalidPluginExecutionException("Conflict", PluginHttpStatusCode.Conflict);
            Assert.Equal(PluginHttpStatusCode.Conflict, http.HttpStatus);

            var full = new InvalidPluginExecutionException(OperationStatus.Failed, 42, "Full", PluginHttpStatusCode.BadRequest);
            Assert.Equal(42, full.ErrorCode);
            Assert.Equal(PluginHttpStatusCode.BadRequest, full.HttpStatus);

            var wrapped = new InvalidPluginExecutionException("Outer", http);
            Assert.Same(http, wrapped.InnerException);
            Assert.Equal(PluginHttpStatusCode.Conflict, wrapped.HttpStatus);
            Assert.Equal(PluginHttpStatusCode.NotSet, new InvalidPluginExecutionException("Outer", new InvalidOperationException()).HttpStatus);
        }
    }
}
