using System;
using System.Globalization;

namespace PatientJourney.Crm.Emulator.WebApi.Hosting;

/// <summary>How the host runs; from the command line (<see cref="Parse"/>) or set by tests.</summary>
public sealed class HostOptions
{
    /// <summary>The solution to serve: a solution zip (e.g. out/PatientJourney_1_0_0_0_managed.zip) or a Solution/ source folder (default: this repository's).</summary>
    public string? SolutionPath { get; set; }

    /// <summary>Accept requests without a token, as <see cref="NoAuthUser"/> (default: the emulator's administrator).</summary>
    public bool NoAuth { get; set; }

    public Guid? NoAuthUser { get; set; }

    /// <summary>Requests allowed per caller in <see cref="RequestWindow"/>; null for no limit.</summary>
    public int? RequestLimit { get; set; }

    public TimeSpan RequestWindow { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The environment URL tokens must be issued for (audience); default: the address the host listens on.</summary>
    public string? EnvironmentUrl { get; set; }

    /// <summary>
    /// Addresses to listen on (ASP.NET Core's --urls); default http://127.0.0.1:0 (a free port). An https address is
    /// served with a self-signed certificate made at start-up (MSAL needs an https authority).
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    public static HostOptions Parse(string[] args)
    {
        var options = new HostOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--solution": options.SolutionPath = Value(); break;
                case "--no-auth": options.NoAuth = true; break;
                case "--user": options.NoAuthUser = Guid.TryParse(Value(), out var user) ? user : throw new ArgumentException("--user takes a systemuserid (GUID)."); break;
                case "--request-limit": options.RequestLimit = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture); break;
                case "--request-window": options.RequestWindow = TimeSpan.FromSeconds(int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture)); break;
                case "--environment-url": options.EnvironmentUrl = Value(); break;
                case "--urls": options.Urls = Value(); break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Options: --solution PATH, --urls URL, --no-auth, --user GUID, --request-limit N, --request-window SECONDS, --environment-url URL.");
            }
        }
        return options;
    }
}
