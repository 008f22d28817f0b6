using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PatientJourney.Crm.Domain.Timeline;

namespace PatientJourney.Crm.Domain.Analytics
{
    /// <summary>
    /// Writes <see cref="JourneyMetrics"/> as the JSON of metrics-json.md, the shape pj_GetJourneyMetrics and the offline
    /// journey map share: camelCase names in a fixed order, choices as camelCase enum names, invariant culture, and the
    /// documented rounding (half away from zero): hours 2 decimals, shares/rates/ratios 4, NPS 1.
    /// </summary>
    public static class JourneyMetricsJson
    {
        private const int HourDecimals = 2;
        private const int ShareDecimals = 4;
        private const int NpsDecimals = 1;

        /// <summary>The name written for a choice left empty (a touchpoint without channel or direction).</summary>
        public const string Unspecified = "unspecified";

        public static string Write(JourneyMetrics metrics)
        {
            if (metrics == null) throw new ArgumentNullException(nameof(metrics));
            var json = new JsonObjectWriter(new StringBuilder());
            json.Begin();
            json.Number("schemaVersion", JourneyMetrics.SchemaVersion);
            json.Object("filter", () => WriteFilter(json, metrics.Filter));
            json.Object("totals", () =>
            {
                json.Number("journeys", metrics.Totals.Journeys);
                json.Number("stageVisits", metrics.Totals.StageVisits);
                json.Number("patients", metrics.Totals.Patients);
            });
            json.Object("stageMap", () => WriteStageMap(json, metrics.StageMap));
            json.Array("variants", metrics.Variants, v =>
            {
                json.Text("sequence", v.Sequence);
                json.Number("journeys", v.Journeys);
                json.Decimal("share", v.Share, ShareDecimals);
            });
            json.Object("durations", () => WriteDurations(json, metrics.Durations));
            json.Array("funnel", metrics.Funnel, f =>
            {
                json.Id("stageId", f.StageId);
                json.Text("stage", f.Stage);
                json.Number("sequence", f.Sequence);
                json.Number("journeys", f.Journeys);
                json.Decimal("share", f.Share, ShareDecimals);
            });
            json.Object("kpis", () => WriteKpis(json, metrics.Kpis));
            return json.End();
        }

        /// <summary>A choice as JSON names it: the Domain enum member in camelCase ("noShow", "sms").</summary>
        public static string ChoiceName<TEnum>(TEnum? value) where TEnum : struct
        {
            if (!value.HasValue) return Unspecified;
            var name = value.Value.ToString()!;
            return char.ToLowerInvariant(name[0]) + name.Substring(1);
        }

        /// <summary>Half away from zero, so the offline engine (SQL ROUND) and this writer agree.</summary>
        public static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

        private static void WriteFilter(JsonObjectWriter json, MetricsFilter filter)
        {
            json.Id("pathwayId", filter.PathwayId);
            json.Instant("from", filter.From);
            json.Instant("to", filter.To);
            json.Number("topVariants", filter.TopVariants);
        }

        private static void WriteStageMap(JsonObjectWriter json, StageMap map)
        {
            json.Array("nodes", map.Nodes, n =>
            {
                json.Id("stageId", n.StageId);
                json.Text("stage", n.Stage);
                json.Number("sequence", n.Sequence);
                json.Number("visits", n.Visits);
                json.Number("journeys", n.Journeys);
                json.Number("rework", n.Rework);
                json.Ratio("dropOff", n.DropOff);
            });
            json.Array("edges", map.Edges, e =>
            {
                json.Id("fromStageId", e.FromStageId);
                json.Text("from", e.From);
                json.Id("toStageId", e.ToStageId);
                json.Text("to", e.To);
                json.Number("frequency", e.Frequency);
                json.Number("caseFrequency", e.CaseFrequency);
                json.Decimal("meanHours", e.MeanHours, HourDecimals);
                json.Decimal("medianHours", e.MedianHours, HourDecimals);
                json.Flag("isRework", e.IsRework);
            });
            json.Array("startStages", map.StartStages, s =>
            {
                json.Id("stageId", s.StageId);
                json.Text("stage", s.Stage);
                json.Number("journeys", s.Journeys);
            });
            json.Array("endStages", map.EndStages, s =>
            {
                json.Id("stageId", s.StageId);
                json.Text("stage", s.Stage);
                json.Text("status", ChoiceName<Journeys.JourneyStatus>(s.Status));
                json.Number("journeys", s.Journeys);
            });
        }

        private static void WriteDurations(JsonObjectWriter json, DurationMetrics durations)
        {
            json.Array("stages", durations.Stages, s =>
            {
                json.Id("stageId", s.StageId);
                json.Text("stage", s.Stage);
                json.Number("count", s.Count);
                json.Decimal("meanHours", s.MeanHours, HourDecimals);
                json.Decimal("medianHours", s.MedianHours, HourDecimals);
                json.Decimal("p90Hours", s.P90Hours, HourDecimals);
                json.Ratio("overdue", s.Overdue);
            });
            json.Object("journeys", () =>
            {
                json.Number("count", durations.Journeys.Count);
                json.Decimal("medianHours", durations.Journeys.MedianHours, HourDecimals);
                json.Decimal("p90Hours", durations.Journeys.P90Hours, HourDecimals);
            });
            json.Object("referralFirstResponse", () =>
            {
                json.Number("count", durations.ReferralFirstResponse.Count);
                json.Decimal("medianCalendarHours", durations.ReferralFirstResponse.MedianCalendarHours, HourDecimals);
                json.Decimal("medianBusinessHours", durations.ReferralFirstResponse.MedianBusinessHours, HourDecimals);
            });
        }

        private static void WriteKpis(JsonObjectWriter json, KpiMetrics kpis)
        {
            json.Object("nps", () =>
            {
                json.Decimal("score", kpis.Nps.Score, NpsDecimals);
                json.Number("responses", kpis.Nps.Responses);
                json.Number("promoters", kpis.Nps.Promoters);
                json.Number("passives", kpis.Nps.Passives);
                json.Number("detractors", kpis.Nps.Detractors);
            });
            json.Ratio("topBox", kpis.TopBox);
            json.Ratio("noShowRate", kpis.NoShowRate);
            var conversion = kpis.ReferralConversion;
            json.Object("referralConversion", () =>
            {
                json.Number("submitted", conversion.Submitted);
                json.Ratio("accepted", conversion.Accepted);
                json.Ratio("scheduled", conversion.Scheduled);
                json.Ratio("completed", conversion.Completed);
                json.Ratio("rejected", conversion.Rejected);
                json.Ratio("cancelled", conversion.Cancelled);
                json.Ratio("expired", conversion.Expired);
            });
            json.Ratio("referralSlaAttainment", kpis.ReferralSlaAttainment);
            json.Array("referralsBySource", kpis.ReferralsBySource, s =>
            {
                json.Text("source", s.Source);
                json.Number("referrals", s.Referrals);
            });
            json.Ratio("readmission30Day", kpis.Readmission30Day);
            json.Ratio("followUpRetention", kpis.FollowUpRetention);
            json.Ratio("followUpCompletion", kpis.FollowUpCompletion);
            json.Ratio("followUpSuppressed", kpis.FollowUpSuppressed);
            json.Object("stageEfficiency", () =>
            {
                json.Ratio("overdue", kpis.StageEfficiency.Overdue);
                json.Array("stages", kpis.StageEfficiency.Stages, s =>
                {
                    json.Id("stageId", s.StageId);
                    json.Text("stage", s.Stage);
                    json.Decimal("medianHours", s.MedianHours, HourDecimals);
                    json.Decimal("targetHours", s.TargetHours, HourDecimals);
                    json.Decimal("medianToTarget", s.MedianToTarget, ShareDecimals);
                });
            });
            json.Object("engagement", () =>
            {
                json.Ratio("touchpointsPerJourney", kpis.Engagement.TouchpointsPerJourney);
                json.Array("byChannel", kpis.Engagement.ByChannel, c =>
                {
                    json.Text("channel", ChoiceName(c.Channel));
                    json.Text("direction", ChoiceName(c.Direction));
                    json.Number("touchpoints", c.Touchpoints);
                });
            });
            json.Array("painPoints", kpis.PainPoints, p =>
            {
                json.Id("stageId", p.StageId);
                json.Text("stage", p.Stage);
                json.Text("category", ChoiceName<PainPointCategory>(p.Category));
                json.Number("touchpoints", p.Touchpoints);
                json.Ratio("negativeSentiment", p.NegativeSentiment);
                json.Number("detractorResponses", p.DetractorResponses);
            });
            json.Number("newPatients", kpis.NewPatients);
        }

        /// <summary>Writes one JSON object's properties in the order called; nested objects and arrays through callbacks.</summary>
        private sealed class JsonObjectWriter
        {
            private readonly StringBuilder json;
            private bool first = true;

            public JsonObjectWriter(StringBuilder json) => this.json = json;

            public void Begin()
            {
                json.Append('{');
                first = true;
            }

            public string End() => json.Append('}').ToString();

            public void Number(string name, int value) => Raw(name, value.ToString(CultureInfo.InvariantCulture));

            public void Decimal(string name, decimal? value, int decimals) =>
                Raw(name, value.HasValue ? Round(value.Value, decimals).ToString("0.##########", CultureInfo.InvariantCulture) : "null");

            public void Flag(string name, bool value) => Raw(name, value ? "true" : "false");

            public void Text(string name, string? value)
            {
                Name(name);
                JsonText.WriteValue(json, value);
            }

            public void Id(string name, Guid? value)
            {
                Name(name);
                JsonText.WriteValue(json, value);
            }

            public void Instant(string name, DateTime? value)
            {
                Name(name);
                JsonText.WriteValue(json, value);
            }

            public void Ratio(string name, Ratio ratio) => Object(name, () =>
            {
                Number("numerator", ratio.Numerator);
                Number("denominator", ratio.Denominator);
                Decimal("value", ratio.Value, ShareDecimals);
            });

            public void Object(string name, Action properties)
            {
                Name(name);
                Begin();
                properties();
                json.Append('}');
                first = false;
            }

            public void Array<T>(string name, IEnumerable<T> items, Action<T> properties)
            {
                Name(name);
                json.Append('[');
                var firstItem = true;
                foreach (var item in items)
                {
                    if (!firstItem) json.Append(',');
                    firstItem = false;
                    Begin();
                    properties(item);
                    json.Append('}');
                }
                json.Append(']');
                first = false;
            }

            private void Raw(string name, string value)
            {
                Name(name);
                json.Append(value);
            }

            private void Name(string name)
            {
                if (!first) json.Append(',');
                first = false;
                JsonText.WriteString(json, name);
                json.Append(':');
            }
        }
    }
}
