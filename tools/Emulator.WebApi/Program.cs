using System;
using PatientJourney.Crm.Emulator.WebApi.Hosting;

// dotnet run --project tools/Emulator.WebApi -- [--solution PATH] [--urls http://127.0.0.1:PORT] [--no-auth [--user GUID]]
//                                               [--request-limit N [--request-window SECONDS]] [--environment-url URL]
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
await using var host = new WebApiHost(options);
await host.StartAsync();
host.PrintWelcome(Console.Out);
await host.WaitForShutdownAsync();
return 0;
