using System.Globalization;
using System.IO;
using DuckDB.NET.Data;

namespace PatientJourney.Crm.JourneyMap.Bench;

/// <summary>
/// The direct generator for large logs (not through the plug-ins): DuckDB writes an interchange export as Parquet,
/// three pathways of six stages, about six visits per journey with some rework, touchpoints on every second visit,
/// and referrals, appointments, follow-ups and surveys per journey. Deterministic: values are hashes of row numbers.
/// </summary>
public static class SyntheticExport
{
    public static void Write(string folder, long stageVisits)
    {
        Directory.CreateDirectory(folder);
        var journeys = System.Math.Max(1, stageVisits / 6);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        // Hashes as signed integers, so offsets computed from them may go below zero.
        Execute(connection, "CREATE MACRO h1(a) AS CAST(hash(a) >> 1 AS BIGINT)");
        Execute(connection, "CREATE MACRO h2(a, b) AS CAST(hash(a, b) >> 1 AS BIGINT)");
        string Id(int table, string n) => $"printf('%08x-0000-4000-8000-%012x', {table}, {n})";
        const string Base = "TIMESTAMP '2025-01-01 00:00:00'";
        string At(string seconds) => $"({Base} + to_seconds(CAST({seconds} AS BIGINT)))";
        void Copy(string table, string select) => Execute(connection, $"COPY ({select}) TO '{Path.Combine(folder, table + ".parquet")}' (FORMAT parquet)");
        var j = journeys.ToString(CultureInfo.InvariantCulture);
        var v = stageVisits.ToString(CultureInfo.InvariantCulture);

        Copy("pj_carepathway", $"SELECT {Id(1, "p")} AS pj_carepathwayid, 'Pathway ' || p AS pj_name FROM range(3) t(p)");
        Copy("pj_pathwaystage", $@"SELECT {Id(2, "p * 6 + k")} AS pj_pathwaystageid, {Id(1, "p")} AS pj_pathwayid, 'P' || p || ' stage ' || (k + 1) AS pj_name,
              CAST((k + 1) * 10 AS INTEGER) AS pj_sequence, CAST(827410000 + [0, 1, 2, 2, 3, 4][k + 1] AS INTEGER) AS pj_phase,
              CAST(48 + 24 * k AS INTEGER) AS pj_targetdurationhours FROM range(3) a(p), range(6) b(k)");
        Copy("pj_journey", $@"SELECT {Id(3, "j")} AS pj_journeyid, {Id(4, "j // 2")} AS pj_patientid, {Id(1, "j % 3")} AS pj_pathwayid,
              CAST(827410000 + h1(j) % 5 AS INTEGER) AS pj_status, {At("h2(j, 1) % 31536000")} AS pj_startedon,
              CASE WHEN h1(j) % 5 = 2 THEN {At("h2(j, 1) % 31536000 + 6 * 172800")} END AS pj_completedon FROM range({j}) t(j)");
        // Visit k of journey j: stage k, or k - 1 (rework) for one visit in ten; entered 2 days apart plus a jitter.
        Copy("pj_journeystagehistory", $@"SELECT {Id(5, "i")} AS pj_journeystagehistoryid, {Id(3, "i // 6")} AS pj_journeyid,
              {Id(2, "((i // 6) % 3) * 6 + CASE WHEN i % 6 >= 2 AND h1(i) % 10 = 0 THEN i % 6 - 1 ELSE i % 6 END")} AS pj_stageid,
              {At("h2(i // 6, 1) % 31536000 + (i % 6) * 172800 + h1(i) % 86400")} AS pj_enteredon,
              CASE WHEN i % 6 < 5 THEN {At("h2(i // 6, 1) % 31536000 + (i % 6 + 1) * 172800")} END AS pj_exitedon,
              h2(i, 2) % 4 = 0 AS pj_wasoverdue FROM range({v}) t(i)");
        Copy("pj_touchpoint", $@"SELECT {Id(10, "i")} AS pj_touchpointid, {Id(3, "(2 * i) // 6")} AS pj_journeyid, {Id(2, "(((2 * i) // 6) % 3) * 6 + (2 * i) % 6")} AS pj_stageid,
              CAST(827410000 + h1(i) % 7 AS INTEGER) AS pj_channel, CAST(827410000 + h2(i, 1) % 3 AS INTEGER) AS pj_direction,
              {At("h2((2 * i) // 6, 1) % 31536000 + ((2 * i) % 6) * 172800 + 3600")} AS pj_occurredon,
              CAST(827410000 + h2(i, 2) % 3 AS INTEGER) AS pj_sentiment, h2(i, 3) % 5 = 0 AS pj_ispainpoint,
              CAST(827410000 + h2(i, 4) % 6 AS INTEGER) AS pj_painpointcategory FROM range({stageVisits / 2}) t(i)");
        Copy("pj_referral", $@"SELECT {Id(6, "j")} AS pj_referralid, {Id(3, "j")} AS pj_journeyid, {Id(1, "j % 3")} AS pj_pathwayid,
              'Dr ' || (h1(j) % 50) AS pj_referringprovider, CASE WHEN h1(j) % 4 > 0 THEN 'Practice ' || (h1(j) % 20) END AS pj_referringorganization,
              CAST(827410001 + h2(j, 1) % 7 AS INTEGER) AS pj_status, {At("h2(j, 1) % 31536000 - 86400")} AS pj_submittedon,
              {At("h2(j, 1) % 31536000 - 86400 + 36000 + h2(j, 2) % 360000")} AS pj_sladueon,
              CASE WHEN h2(j, 3) % 5 > 0 THEN {At("h2(j, 1) % 31536000 - 86400 + h2(j, 4) % 259200")} END AS pj_firstresponseon
              FROM range({j}) t(j) WHERE j % 2 = 0");
        Copy("appointment", $@"SELECT {Id(7, "j")} AS activityid, {Id(4, "j // 2")} AS pj_patientid, {Id(3, "j")} AS pj_journeyid,
              {At("h2(j, 1) % 31536000 + 3 * 172800 + 36000")} AS scheduledstart, CAST(827410000 + h2(j, 5) % 8 AS INTEGER) AS pj_attendance FROM range({j}) t(j)");
        Copy("pj_followup", $@"SELECT {Id(9, "j")} AS pj_followupid, CAST(827410000 + h2(j, 6) % 2 AS INTEGER) AS pj_kind,
              {At("h2(j, 1) % 31536000 + 4 * 172800")} AS pj_dueon, CAST(827410000 + h2(j, 7) % 6 AS INTEGER) AS pj_status, {Id(3, "j")} AS pj_journeyid FROM range({j}) t(j)");
        Copy("pj_surveyresponse", $@"SELECT {Id(8, "j")} AS pj_surveyresponseid, {Id(3, "j")} AS pj_journeyid, CAST(h2(j, 8) % 11 AS INTEGER) AS pj_score,
              {At("h2(j, 1) % 31536000 + 5 * 172800")} AS pj_respondedon FROM range({j}) t(j) WHERE j % 3 = 0");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
