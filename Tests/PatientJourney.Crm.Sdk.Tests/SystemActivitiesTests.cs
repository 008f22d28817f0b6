using System;
using System.Activities;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;
using Xunit;

namespace PatientJourney.Crm.Sdk.Tests
{
    /// <summary>The System.Activities stand-in: WorkflowInvoker semantics and its surface against the genuine assembly.</summary>
    public class SystemActivitiesTests
    {
        [Fact]
        public void Invoke_passes_inputs_and_extensions_and_returns_outputs()
        {
            var tracing = new RecordingTracingService();
            var invoker = new WorkflowInvoker(new GreetActivity());
            invoker.Extensions.Add(tracing);
            invoker.Extensions.Add<IWorkflowContext>(() => null!); // a factory returning null offers nothing

            var journey = new EntityReference("pj_journey", Guid.NewGuid()) { Name = "Hip replacement" };
            IDictionary<string, object> outputs = invoker.Invoke(new Dictionary<string, object> { ["Journey"] = journey, ["Count"] = 5, ["Total"] = 5 });

            Assert.Equal(new[] { "Greeting", "Total" }, outputs.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("Hello Hip replacement", outputs["Greeting"]);
            Assert.Equal(6, outputs["Total"]);
            Assert.Equal(new[] { "pj_journey 5 no workflow context" }, tracing.Lines);
        }

        [Fact]
        public void Static_Invoke_uses_constants_and_defaults_when_inputs_are_absent()
        {
            IDictionary<string, object> outputs = WorkflowInvoker.Invoke(
                new GreetActivity(),
                new Dictionary<string, object> { ["Journey"] = new EntityReference("pj_journey", Guid.NewGuid()) { Name = "X" } });

            Assert.Equal("Hello X", outputs["Greeting"]);
            Assert.Equal(1, outputs["Total"]); // InOutArgument<int> not supplied: default 0, plus one
        }

        [Fact]
        public void InArgument_constant_is_used_when_no_input_is_given()
        {
            var activity = new GreetActivity { Salutation = "Welcome" };
            IDictionary<string, object> outputs = WorkflowInvoker.Invoke(
                activity,
                new Dictionary<string, object> { ["Journey"] = new EntityReference("pj_journey", Guid.NewGuid()) { Name = "Y" } });

            Assert.Equal("Welcome Y", outputs["Greeting"]);
        }

        [Fact]
        public void Missing_required_argument_throws_ArgumentException_naming_it()
        {
            var exception = Assert.Throws<ArgumentException>(() => WorkflowInvoker.Invoke(new GreetActivity(), new Dictionary<string, object>()));

            Assert.Contains("'Journey'", exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Unknown_or_ill_typed_inputs_throw_ArgumentException()
        {
            var journey = new EntityReference("pj_journey", Guid.NewGuid());
            Assert.Contains(
                "'Greeting'",
                Assert.Throws<ArgumentException>(() => WorkflowInvoker.Invoke(new GreetActivity(), new Dictionary<string, object> { ["Journey"] = journey, ["Greeting"] = "x" })).Message,
                StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => WorkflowInvoker.Invoke(new GreetActivity(), new Dictionary<string, object> { ["Journey"] = "not a reference" }));
            Assert.Throws<ArgumentException>(() => WorkflowInvoker.Invoke(new GreetActivity(), new Dictionary<string, object> { ["Journey"] = journey, ["Count"] = null! }));
        }

        [Fact]
        public void GetExtension_returns_the_first_assignable_extension_or_null()
        {
            var first = new RecordingTracingService();
            var second = new RecordingTracingService();
            var activity = new ExtensionProbeActivity();
            var invoker = new WorkflowInvoker(activity);
            invoker.Extensions.Add("a string extension");
            invoker.Extensions.Add(first);
            invoker.Extensions.Add<ITracingService>(() => second);

            invoker.Invoke(new Dictionary<string, object>());

            Assert.Same(first, activity.Tracing);
            Assert.Null(activity.Factory);
        }

        [Fact]
        public void Extension_factories_run_once_per_invocation_and_the_manager_freezes()
        {
            int created = 0;
            var activity = new ExtensionProbeActivity();
            var invoker = new WorkflowInvoker(activity);
            invoker.Extensions.Add<ITracingService>(() =>
            {
                created++;
                return new RecordingTracingService();
            });

            invoker.Invoke(new Dictionary<string, object>());
            ITracingService? firstRun = activity.Tracing;
            invoker.Invoke(new Dictionary<string, object>());

            Assert.Equal(2, created);
            Assert.NotSame(firstRun, activity.Tracing);
            Assert.Throws<InvalidOperationException>(() => invoker.Extensions.Add(new object()));
        }

        [Fact]
        public void Exceptions_from_Execute_propagate_unwrapped_and_the_context_expires()
        {
            var activity = new ThrowingActivity();
            var exception = Assert.Throws<InvalidPluginExecutionException>(() => WorkflowInvoker.Invoke(activity, new Dictionary<string, object>()));

            Assert.Equal("boom", exception.Message);
            Assert.Throws<ObjectDisposedException>(() => activity.Context!.GetExtension<ITracingService>());
        }

        [Fact]
        public void Arguments_cannot_be_read_through_another_activitys_context()
        {
            var foreign = new InArgument<int>(3);
            var activity = new ForeignArgumentActivity(foreign);

            Assert.Throws<InvalidOperationException>(() => WorkflowInvoker.Invoke(activity, new Dictionary<string, object>()));
        }

        [Fact]
        public void InArgument_converts_implicitly_from_a_value()
        {
            InArgument<string> argument = "constant";
            var activity = new GreetActivity { Salutation = argument };
            IDictionary<string, object> outputs = WorkflowInvoker.Invoke(activity, new Dictionary<string, object> { ["Journey"] = new EntityReference("a", Guid.Empty) { Name = "Z" } });
            Assert.Equal("constant Z", outputs["Greeting"]);
        }

        [Fact]
        public void Stand_in_surface_exists_identically_in_the_genuine_System_Activities()
        {
            string standIn = TestPaths.ProjectOutput("tools/Sdk/System.Activities", "net10.0", "System.Activities");
            string genuine = Path.Combine(TestPaths.NetFramework462ReferenceAssemblies, "System.Activities.dll");

            IReadOnlyList<string> standInSurface = MetadataSurface.Lines(standIn);
            var genuineSurface = new HashSet<string>(MetadataSurface.Lines(genuine), StringComparer.Ordinal);
            string[] notGenuine = standInSurface.Where(line => !genuineSurface.Contains(line)).ToArray();

            Assert.NotEmpty(standInSurface);
            Assert.True(
                notGenuine.Length == 0,
                "Stand-in members that are not declared identically (declaring type, signature, modifiers) in the genuine System.Activities:\n  "
                + string.Join("\n  ", notGenuine));
        }

        private sealed class GreetActivity : CodeActivity
        {
            [RequiredArgument]
            public InArgument<EntityReference>? Journey { get; set; }

            public InArgument<string> Salutation { get; set; } = new InArgument<string>("Hello");

            public InOutArgument<int>? Total { get; set; }

            public InArgument<int>? Count { get; set; }

            public OutArgument<string>? Greeting { get; set; }

            protected override void Execute(CodeActivityContext context)
            {
                EntityReference journey = Journey!.Get(context);
                context.GetExtension<ITracingService>()?.Trace(
                    "{0} {1} {2}",
                    journey.LogicalName,
                    Count!.Get(context),
                    context.GetExtension<IWorkflowContext>() == null ? "no workflow context" : "workflow context");
                Greeting!.Set(context, Salutation.Get(context) + " " + journey.Name);
                Total!.Set(context, Total.Get(context) + 1);
            }
        }

        private sealed class ExtensionProbeActivity : CodeActivity
        {
            public ITracingService? Tracing { get; private set; }

            public IOrganizationServiceFactory? Factory { get; private set; }

            protected override void Execute(CodeActivityContext context)
            {
                Tracing = context.GetExtension<ITracingService>();
                Factory = context.GetExtension<IOrganizationServiceFactory>();
            }
        }

        private sealed class ThrowingActivity : CodeActivity
        {
            public CodeActivityContext? Context { get; private set; }

            protected override void Execute(CodeActivityContext context)
            {
                Context = context;
                throw new InvalidPluginExecutionException("boom");
            }
        }

        private sealed class ForeignArgumentActivity : CodeActivity
        {
            private readonly InArgument<int> _foreign;

            public ForeignArgumentActivity(InArgument<int> foreign)
            {
                _foreign = foreign;
            }

            protected override void Execute(CodeActivityContext context)
            {
                _foreign.Get(context);
            }
        }

        private sealed class RecordingTracingService : ITracingService
        {
            public List<string> Lines { get; } = new List<string>();

            public void Trace(string format, params object[] args) => Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        }
    }
}
