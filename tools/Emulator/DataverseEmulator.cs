using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Emulator.Audit;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Fetch;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.Emulator.Inspection;
using PatientJourney.Crm.Emulator.Messages;
using PatientJourney.Crm.Emulator.Metadata;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Emulator.Query;
using PatientJourney.Crm.Emulator.Security;
using PatientJourney.Crm.Emulator.Store;
using PatientJourney.Crm.Schema;

namespace PatientJourney.Crm.Emulator;

/// <summary>
/// An in-memory Dataverse organization: metadata from a <see cref="SolutionSchema"/> plus the platform catalog, steps
/// from <c>PluginStepAttribute</c>s on the registered plug-in types, and everything tests need to look inside.
/// Faults are thrown as <see cref="DataverseFaultException"/>. Not thread-safe: one emulator per test.
/// </summary>
public sealed class DataverseEmulator
{
    /// <summary>Dataverse's maximum pipeline depth; a call that would go deeper fails as an infinite loop.</summary>
    public const int MaxDepth = 8;

    private readonly List<RequestRecord> requests = [];
    private readonly List<AsyncJob> pendingJobs = [];
    private readonly List<AsyncJob> succeededJobs = [];
    private readonly List<SystemJob> systemJobs = [];
    private readonly Dictionary<string, CustomApiRegistration> customApis = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, TimeZoneInfo> timeZones = [];
    private EmulatorSnapshot initial;
    private bool inRequest;

    public DataverseEmulator(SolutionSchema? schema = null)
    {
        Metadata = new MetadataRegistry(schema);
        Store = new DataStore(Metadata);
        Operations = new DataOperations(Metadata, Store, () => Clock.UtcNow, BusinessUnitOf);
        Security = new AccessChecker(Metadata, Store, SystemUserId);
        Formatting = new FormattedValues(Metadata, Store);
        AuditLog = new AuditLog(Metadata, () => Clock.UtcNow);
        Queries = new QueryEngine(Metadata, Store, Security, Formatting);
        Fetch = new FetchEngine(Metadata, Queries);
        Steps = new StepRegistry();
        Pipeline = new EventPipeline(this);
        Dispatcher = new MessageDispatcher(this);
        Operations.Create(new Entity("businessunit", RootBusinessUnitId) { ["name"] = OrganizationName }, SystemUserId);
        Operations.Create(new Entity("systemuser", SystemUserId) { ["fullname"] = "SYSTEM", ["businessunitid"] = new EntityReference("businessunit", RootBusinessUnitId) }, SystemUserId);
        Operations.Create(new Entity("systemuser", CallerId) { ["firstname"] = "Emulator", ["lastname"] = "Administrator", ["businessunitid"] = new EntityReference("businessunit", RootBusinessUnitId) }, SystemUserId);
        AddRole(PlatformRoles.SystemAdministrator);
        AddRole(PlatformRoles.BasicUser);
        // The default caller is a System Administrator: the rights every test had before security was enforced.
        Operations.Associate(new EntityReference("systemuser", CallerId), Metadata.Relationship("systemuserroles_association"),
            [new EntityReference("role", RoleId(PlatformRoles.SystemAdministratorName))], SystemUserId, associate: true);
        Store.Commit();
        Store.ClearWrites();
        initial = Snapshot();
    }

    public MetadataRegistry Metadata { get; }
    public EmulatorClock Clock { get; } = new();
    public Guid OrganizationId { get; } = Guid.NewGuid();
    public string OrganizationName { get; } = "PatientJourneyEmulator";
    public Guid RootBusinessUnitId { get; } = Guid.NewGuid();

    /// <summary>The SYSTEM user, which <c>CreateOrganizationService(null)</c> runs as.</summary>
    public Guid SystemUserId { get; } = Guid.NewGuid();

    /// <summary>The user <see cref="CreateOrganizationService"/> runs as when given none; holds the System Administrator role.</summary>
    public Guid CallerId { get; } = Guid.NewGuid();

    /// <summary>When true, queued asynchronous steps run right after the request that queued them commits.</summary>
    public bool RunAsyncJobsAutomatically { get; set; }

    internal DataStore Store { get; }
    internal AccessChecker Security { get; }
    internal AuditLog AuditLog { get; }
    internal DataOperations Operations { get; }
    internal FormattedValues Formatting { get; }
    internal QueryEngine Queries { get; }
    internal FetchEngine Fetch { get; }
    internal StepRegistry Steps { get; }
    internal EventPipeline Pipeline { get; }
    internal MessageDispatcher Dispatcher { get; }
    internal IReadOnlyDictionary<string, CustomApiRegistration> CustomApis => customApis;

    // ---- solution import ----

    /// <summary>An organisation with the solution zip imported; see <see cref="ImportSolution(SolutionPackage)"/>.</summary>
    public static DataverseEmulator ImportSolution(string zipPath, params Assembly[] pluginAssemblies) => ImportSolution(SolutionPackage.Read(zipPath, pluginAssemblies));

    /// <inheritdoc cref="ImportSolution(string, Assembly[])"/>
    public static DataverseEmulator ImportSolution(Stream zip, params Assembly[] pluginAssemblies) => ImportSolution(SolutionPackage.Read(zip, pluginAssemblies));

    /// <summary>
    /// An organisation with a read solution imported: its tables, columns, choices, relationships and keys; its steps and
    /// images; its custom APIs; a definition row per environment variable (as SYSTEM, part of the state
    /// <see cref="Reset"/> returns to). Read the package once and import it into a new emulator per test.
    /// </summary>
    public static DataverseEmulator ImportSolution(SolutionPackage package)
    {
        var emulator = new DataverseEmulator(package.Schema);
        foreach (var role in package.Roles) emulator.AddRole(role);
        foreach (var profile in package.FieldSecurityProfiles) emulator.AddFieldSecurityProfile(profile);
        foreach (var api in package.CustomApis) emulator.RegisterCustomApi(api.UniqueName, api.PluginType, api.IsFunction, api.BoundEntity, api.ExecutePrivilegeName);
        foreach (var step in package.Steps) emulator.Steps.Add(step.Fresh());
        foreach (var variable in package.EnvironmentVariables)
        {
            emulator.Operations.Create(new Entity("environmentvariabledefinition")
            {
                ["schemaname"] = variable.SchemaName, ["displayname"] = variable.DisplayName, ["description"] = variable.Description,
                ["defaultvalue"] = variable.DefaultValue, ["type"] = new OptionSetValue(variable.Type),
            }, emulator.SystemUserId);
        }
        emulator.Store.Commit();
        emulator.Store.ClearWrites();
        emulator.initial = emulator.Snapshot();
        return emulator;
    }

    // ---- registration ----

    /// <summary>Registers every step declared on the plug-in classes of the assembly; returns how many.</summary>
    public int RegisterPluginAssembly(Assembly assembly) => Register(PluginStep.FromAssembly(assembly));

    /// <summary>Registers the steps declared on one plug-in class; returns how many.</summary>
    public int RegisterPlugin(Type pluginType) => Register(PluginStep.FromType(pluginType));

    public void RegisterStep(PluginStep step) => Steps.Add(step);

    public IReadOnlyList<PluginStep> RegisteredSteps => Steps.All;

    /// <summary>Gives the steps of a plug-in type their secure configuration (kept apart from the attribute, as in Dataverse).</summary>
    public void SetSecureConfiguration(Type pluginType, string secureConfiguration)
    {
        foreach (var step in Steps.All.Where(s => s.PluginType == pluginType)) step.SecureConfiguration = secureConfiguration;
    }

    /// <summary>Makes the steps of a plug-in type run as <paramref name="userId"/> ("Run in User's Context" in the Plug-in Registration tool).</summary>
    public void SetRunAsUser(Type pluginType, Guid userId)
    {
        foreach (var step in Steps.All.Where(s => s.PluginType == pluginType)) step.RunAsUserId = userId;
    }

    /// <summary>The user a step runs as: its run-as user (by id, or by the full name the zip carries), else the caller.</summary>
    internal Guid RunAsUser(PluginStep step, Guid callerId)
    {
        if (step.RunAsUserId is { } id) return id;
        if (step.RunAsUserName is not { } name) return callerId;
        return Store.All("systemuser").FirstOrDefault(u => string.Equals(u.GetAttributeValue<string>("fullname"), name, StringComparison.Ordinal))?.Id
            ?? throw DataverseFaultException.Create(ErrorCodes.ObjectDoesNotExist,
                $"The step {step} runs as the user '{name}', who is not a user of this organisation. Create the user, or register the step to run as the calling user.");
    }

    /// <summary>Registers a custom API: requests named <paramref name="uniqueName"/> run <paramref name="pluginType"/> as the main operation.</summary>
    /// A caller must hold <paramref name="executePrivilegeName"/> (at any depth), when given, to call the API.
    public void RegisterCustomApi(string uniqueName, Type pluginType, bool isFunction = false, string? boundEntity = null, string? executePrivilegeName = null)
    {
        if (!typeof(IPlugin).IsAssignableFrom(pluginType)) throw new ArgumentException($"{pluginType.FullName} is not an IPlugin.", nameof(pluginType));
        customApis[uniqueName] = new CustomApiRegistration(uniqueName, pluginType, isFunction, boundEntity, executePrivilegeName);
    }

    private int Register(IEnumerable<PluginStep> declared)
    {
        // All or nothing: a refused step leaves none of the assembly's steps registered, as a failed registration would.
        var steps = declared.ToList();
        var refusals = steps.Where(s => s.Stage != 30).Select(StepRegistry.Refusal).OfType<string>().ToList();
        if (refusals.Count > 0) throw new InvalidOperationException(string.Join("\n", refusals));
        var count = 0;
        foreach (var step in steps)
        {
            // A step on the main operation of a message is how a custom API names its handler.
            if (step.Stage == 30 && !customApis.ContainsKey(step.Message)) RegisterCustomApi(step.Message, step.PluginType, boundEntity: step.AnyEntity ? null : step.PrimaryEntity);
            else Steps.Add(step);
            count++;
        }
        return count;
    }

    // ---- services and users ----

    /// <summary>An organization service for a caller outside the pipeline, running as <paramref name="userId"/> (default: <see cref="CallerId"/>).</summary>
    public IOrganizationService CreateOrganizationService(Guid? userId = null)
    {
        var user = userId ?? CallerId;
        return new EmulatorOrganizationService(this, user, user, null);
    }

    /// <summary>Adds an enabled user in the root (or given) business unit.</summary>
    public Guid CreateUser(string firstName, string lastName, Guid? businessUnitId = null)
    {
        var id = Guid.NewGuid();
        Operations.Create(new Entity("systemuser", id)
        {
            ["firstname"] = firstName, ["lastname"] = lastName,
            ["businessunitid"] = new EntityReference("businessunit", businessUnitId ?? RootBusinessUnitId),
        }, SystemUserId);
        Store.Commit();
        return id;
    }

    /// <summary>
    /// Adds a security role (the solution's roles arrive this way on import); returns its role row's id. Like import,
    /// the role becomes part of the state <see cref="Reset"/> returns to, so add roles before arranging data.
    /// </summary>
    public Guid AddRole(SecurityRole role)
    {
        var id = Operations.Create(new Entity("role") { ["name"] = role.Name, ["businessunitid"] = new EntityReference("businessunit", RootBusinessUnitId) }, SystemUserId);
        Security.AddRole(id, role);
        Settle();
        return id;
    }

    /// <summary>Adds a field security profile (the solution's arrive this way on import); returns its row's id. See <see cref="AddRole"/>.</summary>
    public Guid AddFieldSecurityProfile(FieldSecurityProfile profile)
    {
        var id = Operations.Create(new Entity("fieldsecurityprofile") { ["name"] = profile.Name }, SystemUserId);
        Security.AddProfile(id, profile);
        Settle();
        return id;
    }

    private void Settle()
    {
        Store.Commit();
        Store.ClearWrites();
        initial = Snapshot();
    }

    /// <summary>
    /// The id of the role row with this name: System Administrator, Basic User, or a role of the imported solution.
    /// Dataverse copies each role into every business unit; the emulator keeps one row per role, assignable to a user of any unit.
    /// </summary>
    public Guid RoleId(string name) =>
        Store.All("role").FirstOrDefault(r => string.Equals(r.GetAttributeValue<string>("name"), name, StringComparison.Ordinal))?.Id
        ?? throw new ArgumentException($"No security role named '{name}' in this organisation.", nameof(name));

    /// <summary>The id of the field security profile row with this name (profiles come from the imported solution).</summary>
    public Guid FieldSecurityProfileId(string name) =>
        Store.All("fieldsecurityprofile").FirstOrDefault(r => string.Equals(r.GetAttributeValue<string>("name"), name, StringComparison.Ordinal))?.Id
        ?? throw new ArgumentException($"No field security profile named '{name}' in this organisation.", nameof(name));

    /// <summary>
    /// Sets a user's time zone (their user settings in Dataverse): dates in formatted values and the date operators of
    /// their queries (Today, LastXDays, On, ThisMonth …) follow it. Users have UTC until set.
    /// </summary>
    public void SetTimeZone(Guid userId, TimeZoneInfo timeZone) => timeZones[userId] = timeZone;

    internal TimeZoneInfo TimeZoneOf(Guid userId) => timeZones.GetValueOrDefault(userId) ?? TimeZoneInfo.Utc;

    /// <summary>The caller as queries see them: user, business unit, the clock's time and their time zone.</summary>
    internal QueryCaller QueryCallerOf(Guid userId) => new(userId, BusinessUnitOf(userId), Clock.UtcNow, TimeZoneOf(userId));

    internal Guid BusinessUnitOf(Guid userId) =>
        Store.Get("systemuser", userId)?.GetAttributeValue<EntityReference>("businessunitid")?.Id ?? RootBusinessUnitId;

    // ---- execution ----

    /// <summary>Messages plug-in and workflow-activity code must not send: bulk operations, and the batch messages.</summary>
    public static IReadOnlySet<string> MessagesRefusedFromCode { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "CreateMultiple", "UpdateMultiple", "UpsertMultiple", "DeleteMultiple", "ExecuteMultiple", "ExecuteTransaction",
    };

    internal OrganizationResponse Execute(OrganizationRequest request, Guid userId, Guid initiatingUserId, NestedCall? caller, string? codeType)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (codeType != null && MessagesRefusedFromCode.Contains(request.RequestName)) throw RefusedFromCode(request.RequestName, codeType);
        if (caller == null) return ExecuteOutermost(request, userId);
        caller.Execution.ServiceCalls++;
        var depth = caller.Context.Depth + 1;
        if (depth > MaxDepth)
        {
            throw DataverseFaultException.Create(ErrorCodes.UnExpected,
                "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again.");
        }
        return ExecuteIsolated(request, new CallScope(userId, initiatingUserId, depth, caller.Context, caller.Request, caller.Context.CorrelationId));
    }

    // "At this time, we don't support using bulk operation messages in plug-in code" (bulk-operations.md, ms.date 2025-01-31,
    // "Not supported for use in plug-ins"); ExecuteMultiple and ExecuteTransaction in plug-ins and workflow activities break
    // the rule "Don't use batch request types in plug-ins and workflow activities" (checker rule il-avoid-batch-plugin).
    private static DataverseFaultException RefusedFromCode(string message, string codeType)
    {
        var why = message.EndsWith("Multiple", StringComparison.Ordinal) && message != "ExecuteMultiple"
            ? "Dataverse does not support bulk operation messages in plug-in code"
            : "batch requests in plug-ins and workflow activities fail under load and hold the transaction open";
        return DataverseFaultException.Create(ErrorCodes.InvalidArgument,
            $"{message} was sent from the code of {codeType}: {why}. Send one Create, Update or Delete request per row instead.");
    }

    /// <summary>
    /// A service factory for custom workflow activity code (a classic workflow's IOrganizationServiceFactory): its services
    /// run outside any plug-in pipeline but refuse the messages in <see cref="MessagesRefusedFromCode"/>.
    /// </summary>
    public IOrganizationServiceFactory CreateWorkflowActivityServiceFactory(Type activityType) => new WorkflowActivityServiceFactory(this, activityType.FullName!);

    private sealed class WorkflowActivityServiceFactory(DataverseEmulator emulator, string activityType) : IOrganizationServiceFactory
    {
        public IOrganizationService CreateOrganizationService(Guid? userId)
        {
            var user = userId ?? emulator.SystemUserId;
            return new EmulatorOrganizationService(emulator, user, user, null, activityType);
        }
    }

    private OrganizationResponse ExecuteOutermost(OrganizationRequest request, Guid userId)
    {
        // An outermost request commits; starting one inside another would commit half of the outer transaction.
        if (inRequest) throw new InvalidOperationException("A request is already running: inside a plug-in, use the services of its IOrganizationServiceFactory.");
        inRequest = true;
        try
        {
            return ExecuteAndCommit(request, userId);
        }
        finally
        {
            inRequest = false;
        }
    }

    private OrganizationResponse ExecuteAndCommit(OrganizationRequest request, Guid userId)
    {
        var record = new RequestRecord(request.RequestName);
        requests.Add(record);
        var writesBefore = Store.Writes.Count;
        try
        {
            var response = ExecuteIsolated(request, new CallScope(userId, userId, 1, null, record, Guid.NewGuid()));
            Store.Commit();
            record.Succeeded = true;
            record.RowsWritten.AddRange(Store.Writes.Skip(writesBefore));
            inRequest = false;
            if (RunAsyncJobsAutomatically) RunPendingAsyncJobs();
            return response;
        }
        catch (DataverseFaultException fault)
        {
            record.Fault = fault;
            throw;
        }
    }

    /// <summary>Runs a request within a savepoint: if it fails, its writes and queued async steps are undone.</summary>
    internal OrganizationResponse ExecuteIsolated(OrganizationRequest request, CallScope scope)
    {
        var savepoint = Store.Savepoint();
        var audited = AuditLog.Savepoint();
        var queued = pendingJobs.Count;
        try
        {
            return Dispatcher.Dispatch(request, scope);
        }
        catch
        {
            Store.RollbackTo(savepoint);
            AuditLog.RollbackTo(audited);
            DropJobsFrom(queued);
            throw;
        }
    }

    internal void InvokeMainOperation(CustomApiRegistration api, PipelineOperation operation, CallScope scope)
    {
        var step = new PluginStep { PluginType = api.PluginType, Message = api.UniqueName, PrimaryEntity = operation.PrimaryEntityName, Stage = 30, Mode = 0 };
        var context = new PluginExecutionContext
        {
            Stage = 30, Depth = scope.Depth, MessageName = api.UniqueName, PrimaryEntityName = operation.PrimaryEntityName,
            PrimaryEntityId = operation.Items.FirstOrDefault()?.Id ?? Guid.Empty, InputParameters = operation.InputParameters,
            OutputParameters = operation.OutputParameters, SharedVariables = new ParameterCollection(), ParentContext = scope.Caller!,
            PreEntityImages = new EntityImageCollection(), PostEntityImages = new EntityImageCollection(), UserId = scope.UserId, InitiatingUserId = scope.InitiatingUserId,
            BusinessUnitId = BusinessUnitOf(scope.UserId), OrganizationId = OrganizationId, OrganizationName = OrganizationName,
            CorrelationId = scope.CorrelationId, OperationId = Guid.NewGuid(), RequestId = Guid.NewGuid(), OperationCreatedOn = Clock.UtcNow, IsInTransaction = true,
        };
        Pipeline.Invoke(step, PluginStep.Instantiate(api.PluginType, null, null), context, scope.Record);
    }

    // ---- asynchronous steps ----

    internal void QueueAsync(PluginStep step, PluginExecutionContext context)
    {
        var job = new SystemJob
        {
            PluginType = step.PluginType.FullName!, MessageName = context.MessageName, PrimaryEntityName = context.PrimaryEntityName,
            PrimaryEntityId = context.PrimaryEntityId, CreatedOn = Clock.UtcNow, Status = SystemJobStatus.Waiting,
        };
        systemJobs.Add(job);
        pendingJobs.Add(new AsyncJob(step, context, job));
    }

    private void DropJobsFrom(int index)
    {
        foreach (var job in pendingJobs.Skip(index)) systemJobs.Remove(job.Job);
        pendingJobs.RemoveRange(index, pendingJobs.Count - index);
    }

    /// <summary>Runs queued asynchronous steps (and those they queue) in order, each in its own transaction; returns how many ran.</summary>
    public int RunPendingAsyncJobs()
    {
        var ran = 0;
        while (pendingJobs.Count > 0)
        {
            var job = pendingJobs[0];
            pendingJobs.RemoveAt(0);
            var record = new RequestRecord("AsyncOperation:" + job.Context.MessageName);
            requests.Add(record);
            var savepoint = Store.Savepoint();
            var queued = pendingJobs.Count;
            try
            {
                Pipeline.Invoke(job.Step, job.Step.Instance, job.Context, record);
                Store.Commit();
                record.Succeeded = true;
                record.RowsWritten.AddRange(Store.Writes.Skip(savepoint.Writes));
                job.Job.Status = SystemJobStatus.Succeeded;
                if (job.Step.DeleteAsyncOperationOnSuccess) systemJobs.Remove(job.Job);
                succeededJobs.Add(job);
            }
            catch (DataverseFaultException fault)
            {
                // An async failure cannot roll back the operation that queued it; it is recorded on the system job.
                Store.RollbackTo(savepoint);
                DropJobsFrom(queued);
                record.Fault = fault;
                job.Job.Status = SystemJobStatus.Failed;
                job.Job.Message = fault.Message;
                job.Job.ErrorCode = fault.ErrorCode;
            }
            job.Job.CompletedOn = Clock.UtcNow;
            ran++;
        }
        return ran;
    }

    /// <summary>
    /// Queues every asynchronous job that has succeeded since the last call again, with the same execution context, as
    /// the platform may when it retries a job whose completion it could not record; returns how many were queued.
    /// Lets tests prove that asynchronous steps are idempotent.
    /// </summary>
    public int RequeueSucceededAsyncJobs()
    {
        var again = succeededJobs.Select(j => j with
        {
            Job = new SystemJob
            {
                PluginType = j.Job.PluginType, MessageName = j.Job.MessageName, PrimaryEntityName = j.Job.PrimaryEntityName,
                PrimaryEntityId = j.Job.PrimaryEntityId, CreatedOn = Clock.UtcNow, Status = SystemJobStatus.Waiting,
            },
        }).ToList();
        succeededJobs.Clear();
        foreach (var job in again)
        {
            systemJobs.Add(job.Job);
            pendingJobs.Add(job);
        }
        return again.Count;
    }

    // ---- inspection ----

    /// <summary>Every outermost request and async job since construction or <see cref="ClearLog"/>, oldest first.</summary>
    public IReadOnlyList<RequestRecord> Requests => requests;

    public RequestRecord LastRequest => requests.Count > 0 ? requests[^1] : throw new InvalidOperationException("No request has been executed.");

    /// <summary>Every plug-in execution, in order, with stage, depth, message and service-call count.</summary>
    public IEnumerable<PluginExecutionRecord> FiredSteps => requests.SelectMany(r => r.PluginExecutions);

    public IEnumerable<string> TraceLines => requests.SelectMany(r => r.TraceLines);

    /// <summary>Rows written and kept (rolled-back writes are not listed).</summary>
    public IReadOnlyList<RowWrite> RowsWritten => Store.Writes;

    /// <summary>System jobs still recorded: waiting, failed, and succeeded ones whose step keeps them.</summary>
    public IReadOnlyList<SystemJob> SystemJobs => systemJobs;

    public IEnumerable<SystemJob> FailedAsyncJobs => systemJobs.Where(j => j.Status == SystemJobStatus.Failed);

    public int PendingAsyncJobCount => pendingJobs.Count;

    /// <summary>Copies of the rows of a table, for assertions that should not go through the pipeline.</summary>
    public IReadOnlyList<Entity> Rows(string table) => Store.All(Metadata.Table(table).LogicalName).Select(r => Values.Copy(r)).ToList();

    /// <summary>Every audit record written so far (audited tables and columns of the imported solution), oldest first.</summary>
    public IReadOnlyList<AuditRecord> AuditRecords => AuditLog.Records;

    /// <summary>The audit records of one row, oldest first.</summary>
    public IReadOnlyList<AuditRecord> AuditHistory(string table, Guid id) => AuditLog.Records.Where(r => r.Table == table && r.RecordId == id).ToList();

    /// <summary>The records' shares as principalobjectaccess rows (objectid, objecttypecode, principalid, principaltypecode, accessrightsmask).</summary>
    public IReadOnlyList<Entity> SharedAccess => Store.All(Sharing.Table).Select(r => Values.Copy(r)).ToList();

    public void ClearLog()
    {
        requests.Clear();
        Store.ClearWrites();
    }

    // ---- snapshots ----

    /// <summary>Captures rows and clock; cheap (rows are immutable once stored, so only the indexes are copied).</summary>
    public EmulatorSnapshot Snapshot() => new(Store.Snapshot(), Clock.UtcNow, AuditLog.Snapshot());

    public void Restore(EmulatorSnapshot snapshot)
    {
        Store.Restore(snapshot.Rows);
        AuditLog.Restore(snapshot.Audit);
        Clock.Set(snapshot.UtcNow);
        pendingJobs.Clear();
        succeededJobs.Clear();
    }

    /// <summary>Back to the state right after construction: seeded rows only, clock at its start, logs and jobs cleared. Registrations stay.</summary>
    public void Reset()
    {
        Restore(initial);
        ClearLog();
        systemJobs.Clear();
    }
}

/// <summary>Rows and clock at one moment, for <see cref="DataverseEmulator.Restore"/>.</summary>
public sealed class EmulatorSnapshot
{
    internal EmulatorSnapshot(Dictionary<string, Dictionary<Guid, Entity>> rows, DateTime utcNow, AuditRecord[] audit)
    {
        Rows = rows;
        UtcNow = utcNow;
        Audit = audit;
    }

    internal AuditRecord[] Audit { get; }

    internal Dictionary<string, Dictionary<Guid, Entity>> Rows { get; }
    internal DateTime UtcNow { get; }
}
