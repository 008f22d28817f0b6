using System;
using System.IO;
using PatientJourney.Crm.Emulator.Import;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.Schema.Source;

// dotnet run --project tools/Emulator.WebApi -- [--solution PATH_managed.zip | Solution/] [--urls http://127.0.0.1:PORT]
//     [--no-auth [--user GUID]] [--request-limit N [--request-window SECONDS]] [--environment-url URL]
HostOptions options;
try
{
    options = HostOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
WebApiHost host;
try
{
    host = new WebApiHost(options);
}
catch (Exception e) when (e is SolutionImportException or SolutionSourceException or InvalidOperationException or IOException)
{
    // The solution could not be imported (or its steps registered): say why, as an import would.
    Console.Error.WriteLine("The solution could not be loaded, so the Web API is not started:");
    Console.Error.WriteLine(e is SolutionImportException import ? string.Join(Environment.NewLine, import.Problems) : e.Message);
    return 1;
}
await using (host)
{
    await host.StartAsync();
    host.PrintWelcome(Console.Out);
    await host.WaitForShutdownAsync();
}
return 0;
