using System.Globalization;
using System.Linq;
using Hl7.Fhir.Model;
using Microsoft.Xrm.Sdk;
using PatientJourney.Crm.Domain.LogicalNames;
using PatientJourney.Crm.FhirConnector.Import;

namespace PatientJourney.Crm.FhirConnector.Mapping;

/// <summary>QuestionnaireResponse of an NPS questionnaire → pj_surveyresponse (the plug-ins derive the category and follow-ups).</summary>
public static class QuestionnaireResponseMapping
{
    public static EntryPlan Plan(QuestionnaireResponse response, ImportContext context)
    {
        if (response.Status is not (QuestionnaireResponse.QuestionnaireResponseStatus.Completed or QuestionnaireResponse.QuestionnaireResponseStatus.Amended))
            throw new ImportRefusedException("QuestionnaireResponse.status", $"Status '{response.Status}': only completed or amended responses are recorded.");
        var patient = context.Patient(response.Subject, "QuestionnaireResponse.subject");
        var index = response.Item.FindIndex(i => i.LinkId == context.Settings.NpsLinkId);
        if (index < 0) throw new ImportRefusedException("QuestionnaireResponse.item", $"No item with linkId '{context.Settings.NpsLinkId}' (the 0–10 recommendation score).");
        var answer = response.Item[index].Answer.FirstOrDefault()?.Value;
        int? score = answer switch
        {
            Integer i => i.Value,
            Coding c when int.TryParse(c.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
            _ => null,
        };
        if (score is not (>= 0 and <= 10))
            throw new ImportRefusedException($"QuestionnaireResponse.item[{index}].answer", "The recommendation score must be a whole number from 0 to 10.");
        var comment = response.Item.FirstOrDefault(i => i.LinkId == context.Settings.CommentLinkId)?.Answer.FirstOrDefault()?.Value as FhirString;
        return context.Write(response, new Entity(SurveyResponseTable.LogicalName)
        {
            [SurveyResponseTable.Name] = "Net Promoter Score",
            [SurveyResponseTable.PatientId] = patient,
            [SurveyResponseTable.SurveyType] = new OptionSetValue(SurveyResponseTable.SurveyTypeOptions.NetPromoterScore),
            [SurveyResponseTable.Score] = score.Value,
            [SurveyResponseTable.Comment] = comment?.Value,
            [SurveyResponseTable.RespondedOn] = response.AuthoredElement?.ToDateTimeOffset(System.TimeSpan.Zero).UtcDateTime,
        });
    }
}
