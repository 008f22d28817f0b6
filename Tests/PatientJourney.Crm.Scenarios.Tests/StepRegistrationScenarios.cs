using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using PatientJourney.Crm.Emulator.Faults;
using PatientJourney.Crm.Emulator.Pipeline;
using PatientJourney.Crm.Plugins.FollowUps;
using PatientJourney.Crm.Scenarios.Tests.Infrastructure;
using Xunit;

namespace PatientJourney.Crm.Scenarios.Tests;

/// <summary>What a zip's step registration may carry beyond the attributes: several images per step and a run-as user.</summary>
public sealed class StepRegistrationScenarios
{
    private const string Step = nameof(JourneyFollowUpsClosed);

    // The shipped zip with the journey follow-up step given a third image (ImageType 2: pre and post) and a run-as user.
    private static byte[] Registered(string runAs) => ShippedZipTests.Edit(ShippedSolution.ManagedZip, new Dictionary<string, Action<XDocument>>
    {
        ["customizations.xml"] = x =>
        {
            var step = x.Descendants("SdkMessageProcessingStep").Single(s => s.Element("PluginTypeName")!.Value.Contains(Step, StringComparison.Ordinal));
            step.Element("FilteringAttributes")!.AddAfterSelf(new XElement("ImpersonatingUserIdName", runAs));
            step.Element("SdkMessageProcessingStepImages")!.Add(new XElement("SdkMessageProcessingStepImage", new XAttribute("Name", "names"),
                new XElement("SdkMessageProcessingStepImageId", Guid.NewGuid().ToString("B")), new XElement("Attributes", "pj_name"),
                new XElement("EntityAlias", "names"), new XElement("ImageType", "2"), new XElement("MessagePropertyName", "Target")));
        },
    });

    [Fact]
    public void A_zips_step_keeps_every_image_by_alias_and_its_run_as_user()
    {
        var package = ShippedSolution.Read(Registered("Integration User"));
        var step = package.Steps.Single(s => s.PluginType == typeof(JourneyFollowUpsClosed));

        Assert.Equal("Integration User", step.RunAsUserName);
        Assert.Equal(["Post after", "Post names", "Pre before", "Pre names"], step.Images.Select(i => $"{i.Kind} {i.Alias}").Order(StringComparer.Ordinal));
        Assert.Equal(["pj_name"], step.Images.Single(i => i.Kind == StepImageKind.Pre && i.Alias == "names").Attributes!);
    }

    [Fact]
    public void A_step_whose_run_as_user_is_not_in_the_organisation_faults_and_rolls_back()
    {
        var env = new ScenarioEnvironment(ShippedSolution.Read(Registered("Integration User")));
        var hip = env.CreateHipPathway();
        env.AddTransition(hip, "Referral", "Assessment");
        var journey = env.StartJourney(env.CreatePatient(), hip, "Referral");

        var fault = Assert.Throws<DataverseFaultException>(() => env.MoveJourney(journey, hip, "Assessment"));
        Assert.Contains("'Integration User', who is not a user of this organisation", fault.Message, StringComparison.Ordinal);
        Assert.Single(env.StageVisits(journey));
    }
}
