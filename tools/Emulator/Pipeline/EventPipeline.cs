using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Inspection;
using PatientJourney.Crm.Emulator.Store;

namespace PatientJourney.Crm.Emulator.Pipeline;

/// <summary>Who is calling and from where: the user, the initiating user, the depth and the calling step (if any).</summary>
internal sealed record CallScope(Guid UserId, Guid InitiatingUserId, int Depth, PluginExecutionContext? Caller, RequestRecord Record, Guid CorrelationId);

/// <summary>An asynchronous step waiting to run after the request that queued it committed.</summary>
internal sealed record AsyncJob(PluginStep Step, PluginExecutionContext Context, SystemJob Job);

/// <summary>
/// Runs a <see cref="PipelineOperation"/> through the stages: PreValidation (10) and PreOperation (20) synchronous steps,
/// the main operation (30), PostOperation (40) synchronous steps, then queues the asynchronous PostOperation steps.
/// </summary>
internal sealed class EventPipeline(DataverseEmulator emulator)
{
    public void Run(PipelineOperation operation, CallScope scope)
    {
        var preValidationShared = new ParameterCollection();
        var shared = new ParameterCollection();
        if (operation.InputParameters.TryGetValue("tag", out var tag))
        {
            preValidationShared["tag"] = tag;
            shared["tag"] = tag;
        }
        // Later stages reach what PreValidation shared through ParentContext, as in Dataverse.
        var operationId = Guid.NewGuid();
        var preValidation = Context(operation, scope, operation.MessageName, 10, 0, operation.InputParameters, new ParameterCollection(), preValidationShared, scope.Caller, Guid.Empty, [], [], operationId);
        RunStage(operation, scope, 10, 0, (preValidationShared, scope.Caller, operationId));
        RunStage(operation, scope, 20, 0, (shared, preValidation, operationId));
        operation.MainOperation(operation);
        RunStage(operation, scope, 40, 0, (shared, preValidation, operationId));
        RunStage(operation, scope, 40, 1, (shared, preValidation, operationId));
    }

    private void RunStage(PipelineOperation operation, CallScope scope, int stage, int mode, (ParameterCollection Shared, IPluginExecutionContext? Parent, Guid OperationId) sharing)
    {
        foreach (var step in Steps(operation, stage, mode))
        {
            if (operation.SingleMessage != null && Is(step, operation.SingleMessage))
            {
                foreach (var item in operation.Items.Where(i => Fires(operation, step, [i])).ToList())
                {
                    var input = Copy(operation.InputParameters, "Targets");
                    input["Target"] = item.Target;
                    var output = stage == 40 && operation.ItemOutput != null ? operation.ItemOutput(item) : new ParameterCollection();
                    Execute(step, Context(operation, scope, step.Message, stage, mode, input, output, sharing.Shared, sharing.Parent, item.Id, [Images(operation, step, item, stage, pre: true)], [Images(operation, step, item, stage, pre: false)], sharing.OperationId, step), scope);
                }
            }
            else if (operation.MultipleMessage != null && Is(step, operation.MultipleMessage))
            {
                if (!Fires(operation, step, operation.Items)) continue;
                var input = Copy(operation.InputParameters, "Target");
                input["Targets"] = new EntityCollection(operation.Items.Select(i => i.Target!).ToList()) { EntityName = operation.PrimaryEntityName };
                var output = stage == 40 ? operation.OutputParameters : new ParameterCollection();
                var pre = operation.Items.Select(i => Images(operation, step, i, stage, pre: true)).ToArray();
                var post = operation.Items.Select(i => Images(operation, step, i, stage, pre: false)).ToArray();
                Execute(step, Context(operation, scope, step.Message, stage, mode, input, output, sharing.Shared, sharing.Parent, Guid.Empty, pre, post, sharing.OperationId, step), scope);
            }
            else
            {
                if (!Fires(operation, step, operation.Items)) continue;
                var item = operation.Items.FirstOrDefault();
                var pre = item == null ? [] : new[] { Images(operation, step, item, stage, pre: true) };
                var post = item == null ? [] : new[] { Images(operation, step, item, stage, pre: false) };
                Execute(step, Context(operation, scope, operation.MessageName, stage, mode, operation.InputParameters, operation.OutputParameters, sharing.Shared, sharing.Parent, item?.Id ?? Guid.Empty, pre, post, sharing.OperationId, step), scope);
            }
        }
    }

    private PluginStep[] Steps(PipelineOperation operation, int stage, int mode) =>
        operation.SingleMessage == null
            ? emulator.Steps.For(operation.MessageName, operation.PrimaryEntityName, stage, mode)
            : emulator.Steps.ForPair(operation.SingleMessage, operation.MultipleMessage!, operation.PrimaryEntityName, stage, mode);

    private static bool Is(PluginStep step, string message) => string.Equals(step.Message, message, StringComparison.OrdinalIgnoreCase);

    // An Update step with filtering attributes fires only when a target carries one of them (for a multiple step: any target).
    private static bool Fires(PipelineOperation operation, PluginStep step, IReadOnlyList<PipelineItem> items) =>
        !operation.UsesFilteringAttributes || step.FilteringAttributes == null
        || items.Any(i => i.Target != null && i.Target.Attributes.Keys.Any(step.FilteringAttributes.Contains));

    private static EntityImageCollection Images(PipelineOperation operation, PluginStep step, PipelineItem item, int stage, bool pre)
    {
        var images = new EntityImageCollection();
        if (pre && item.Before != null && operation.Images is ImageSupport.PreOnly or ImageSupport.PreAndPost)
        {
            foreach (var image in step.PreImages) images[image.Alias] = Image(item.Before, image.Attributes);
        }
        if (!pre && stage == 40 && item.After != null && operation.Images is ImageSupport.PostOnly or ImageSupport.PreAndPost)
        {
            foreach (var image in step.PostImages) images[image.Alias] = Image(item.After, image.Attributes);
        }
        return images;
    }

    // An image holds exactly the registered columns that have a value; no column list means all columns.
    private static Entity Image(Entity row, IReadOnlySet<string>? columns) => Values.Copy(row, columns == null ? null : columns.Contains);

    private static ParameterCollection Copy(ParameterCollection source, string without)
    {
        var copy = new ParameterCollection();
        foreach (var parameter in source.Where(p => p.Key != without)) copy[parameter.Key] = parameter.Value;
        return copy;
    }

    private PluginExecutionContext Context(PipelineOperation operation, CallScope scope, string message, int stage, int mode, ParameterCollection input, ParameterCollection output,
        ParameterCollection shared, IPluginExecutionContext? parent, Guid primaryId, EntityImageCollection[] pre, EntityImageCollection[] post, Guid operationId, PluginStep? step = null)
    {
        // A step registered to run as a user gets that user as UserId; InitiatingUserId stays the caller
        // (https://learn.microsoft.com/power-apps/developer/data-platform/impersonate-another-user-plugin).
        var user = step == null ? scope.UserId : emulator.RunAsUser(step, scope.UserId);
        return new()
        {
        Stage = stage,
        Mode = mode,
        Depth = scope.Depth,
        MessageName = message,
        PrimaryEntityName = operation.PrimaryEntityName,
        PrimaryEntityId = primaryId,
        InputParameters = input,
        OutputParameters = output,
        SharedVariables = shared,
        ParentContext = parent!,
        UserId = user,
        InitiatingUserId = scope.InitiatingUserId,
        BusinessUnitId = emulator.BusinessUnitOf(user),
        OrganizationId = emulator.OrganizationId,
        OrganizationName = emulator.OrganizationName,
        CorrelationId = scope.CorrelationId,
        OperationId = operationId,
        RequestId = operationId,
        OperationCreatedOn = emulator.Clock.UtcNow,
        // PreValidation of an outermost request runs before the database transaction starts; async steps after it ends.
        IsInTransaction = mode == 0 && (stage != 10 || scope.Depth > 1),
        PreEntityImages = pre.FirstOrDefault() ?? new EntityImageCollection(),
        PostEntityImages = post.FirstOrDefault() ?? new EntityImageCollection(),
        PreEntityImagesCollection = pre,
        PostEntityImagesCollection = post,
        };
    }

    private void Execute(PluginStep step, PluginExecutionContext context, CallScope scope)
    {
        if (step.Mode == 1)
        {
            emulator.QueueAsync(step, Detach(context));
            return;
        }
        Invoke(step, step.Instance, context, scope.Record);
    }

    /// <summary>Runs one plug-in and turns what it throws into the fault Dataverse reports.</summary>
    public void Invoke(PluginStep step, IPlugin plugin, PluginExecutionContext context, RequestRecord request)
    {
        var execution = new PluginExecutionRecord
        {
            PluginType = step.PluginType.FullName!, MessageName = context.MessageName, PrimaryEntityName = context.PrimaryEntityName,
            Stage = context.Stage, Mode = context.Mode, Depth = context.Depth, PrimaryEntityId = context.PrimaryEntityId,
        };
        request.PluginExecutions.Add(execution);
        var tracing = new TracingService(execution, request);
        var provider = new PluginServiceProvider(context, tracing, new OrganizationServiceFactory(emulator, context, execution, request));
        try
        {
            plugin.Execute(provider);
        }
        catch (InvalidPluginExecutionException expected)
        {
            throw DataverseFaultException.Create(HasOwnErrorCode(expected) ? expected.ErrorCode : ErrorCodes.IsvAborted, expected.Message, expected, string.Join("\n", execution.TraceLines));
        }
        catch (DataverseFaultException)
        {
            throw;
        }
        catch (Exception unexpected)
        {
            throw DataverseFaultException.Create(ErrorCodes.IsvUnExpected, ErrorCodes.IsvUnExpectedMessage, unexpected, string.Join("\n", execution.TraceLines));
        }
    }

    // ErrorCode is the exception's HResult; unless the plug-in gave a code, it is 0 or System.Exception's default (COR_E_EXCEPTION).
    private static bool HasOwnErrorCode(InvalidPluginExecutionException exception) =>
        exception.ErrorCode != 0 && exception.ErrorCode != unchecked((int)0x80131500);

    // An async step sees the operation as it was when queued, whatever runs in between.
    private static PluginExecutionContext Detach(PluginExecutionContext context) => new()
    {
        Stage = context.Stage, Mode = 1, Depth = context.Depth, MessageName = context.MessageName, PrimaryEntityName = context.PrimaryEntityName,
        PrimaryEntityId = context.PrimaryEntityId, InputParameters = DeepCopy(context.InputParameters), OutputParameters = DeepCopy(context.OutputParameters),
        SharedVariables = DeepCopy(context.SharedVariables), ParentContext = context.ParentContext, UserId = context.UserId,
        InitiatingUserId = context.InitiatingUserId, BusinessUnitId = context.BusinessUnitId, OrganizationId = context.OrganizationId,
        OrganizationName = context.OrganizationName, CorrelationId = context.CorrelationId, OperationId = context.OperationId,
        RequestId = context.RequestId, OperationCreatedOn = context.OperationCreatedOn, IsInTransaction = false,
        PreEntityImages = context.PreEntityImages, PostEntityImages = context.PostEntityImages,
        PreEntityImagesCollection = context.PreEntityImagesCollection, PostEntityImagesCollection = context.PostEntityImagesCollection,
    };

    private static ParameterCollection DeepCopy(ParameterCollection source)
    {
        var copy = new ParameterCollection();
        foreach (var parameter in source)
        {
            copy[parameter.Key] = parameter.Value switch
            {
                Entity entity => Values.Copy(entity),
                EntityCollection collection => new EntityCollection(collection.Entities.Select(e => Values.Copy(e)).ToList()) { EntityName = collection.EntityName },
                var other => Values.Copy(other),
            };
        }
        return copy;
    }
}
