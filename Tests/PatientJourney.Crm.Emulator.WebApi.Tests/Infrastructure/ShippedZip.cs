using System;
using PatientJourney.Crm.Packer;
using PatientJourney.Crm.Testing;

namespace PatientJourney.Crm.Emulator.WebApi.Tests.Infrastructure;

/// <summary>The managed zip that ships, packed by <see cref="ShippedPackage"/> once per test run; every host imports it.</summary>
public static class ShippedZip
{
    private static readonly Lazy<byte[]> managed = new(() => ShippedPackage.Managed(RepoPaths.Root, RepoPaths.Configuration));

    public static byte[] Managed => managed.Value;
}
