using System;
using System.Security.Cryptography;
using System.Text;

namespace PatientJourney.Crm.Packer.Identity;

/// <summary>
/// Name-based GUIDs (RFC 4122 version 5, SHA-1) under one fixed namespace, so every id-bearing component (forms, views,
/// roles, profiles, assemblies, plug-in types, steps, images) keeps the same id across builds and versions: Dataverse
/// matches those components by id when a new version is imported.
/// </summary>
public static class DeterministicGuid
{
    /// <summary>The PatientJourney.Crm namespace. Never change it: every shipped id derives from it.</summary>
    private static readonly Guid Namespace = new("5b0f3c1e-7a4d-4c53-9e51-2f6a8d1c4b70");

    public static Guid For(string kind, string name)
    {
        Span<byte> ns = stackalloc byte[16];
        Namespace.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(kind + ":" + name);
        var input = new byte[16 + nameBytes.Length];
        ns.CopyTo(input);
        nameBytes.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The braced lower-case form exports use for ids ({xxxxxxxx-…}).</summary>
    public static string Braced(this Guid id) => id.ToString("B");
}
