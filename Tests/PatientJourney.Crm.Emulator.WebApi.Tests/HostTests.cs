using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using PatientJourney.Crm.Emulator.WebApi.Hosting;
using PatientJourney.Crm.Schema;
using Xunit;

namespace PatientJourney.Crm.Emulator.WebApi.Tests;

/// <summary>What the command line starts: the options it reads, and the custom API parameters a solution zip carries.</summary>
public sealed class HostTests
{
    [Fact]
    public void The_command_line_options_are_read_and_unknown_ones_refused()
    {
        var user = Guid.NewGuid();

        var options = HostOptions.Parse(["--solution", "out/x_managed.zip", "--urls", "http://127.0.0.1:5555", "--no-auth", "--user", user.ToString(), "--request-limit", "10", "--request-window", "60"]);

        Assert.Equal("out/x_managed.zip", options.SolutionPath);
        Assert.Equal("http://127.0.0.1:5555", options.Urls);
        Assert.True(options.NoAuth);
        Assert.Equal(user, options.NoAuthUser);
        Assert.Equal(10, options.RequestLimit);
        Assert.Equal(TimeSpan.FromSeconds(60), options.RequestWindow);
        Assert.Throws<ArgumentException>(() => HostOptions.Parse(["--tls"]));
        Assert.Throws<ArgumentException>(() => HostOptions.Parse(["--user", "someone"]));
    }

    [Fact]
    public void The_custom_API_parameters_are_read_from_the_zip_layout_the_packer_writes()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "customapis/pj_Ping/customapi.xml",
                """<customapi uniquename="pj_Ping"><bindingtype>1</bindingtype><boundentitylogicalname>contact</boundentitylogicalname><isfunction>1</isfunction><name>Ping</name></customapi>""");
            Add(archive, "customapis/pj_Ping/customapirequestparameters/Journey/customapirequestparameter.xml",
                """<customapirequestparameter uniquename="Journey"><isoptional>1</isoptional><logicalentityname>pj_journey</logicalentityname><name>Journey</name><type>5</type></customapirequestparameter>""");
            Add(archive, "customapis/pj_Ping/customapiresponseproperties/Count/customapiresponseproperty.xml",
                """<customapiresponseproperty uniquename="Count"><logicalentityname></logicalentityname><name>Count</name><type>7</type></customapiresponseproperty>""");
        }

        var api = Assert.Single(PackagedCustomApis.Read(zip.ToArray()));

        Assert.Equal("pj_Ping", api.UniqueName);
        Assert.True(api.IsFunction);
        Assert.Equal(CustomApiBinding.Entity, api.Binding);
        Assert.Equal("contact", api.BoundEntity);
        var parameter = Assert.Single(api.RequestParameters);
        Assert.Equal(("Journey", CustomApiFieldType.EntityReference, "pj_journey", true), (parameter.UniqueName, parameter.Type, parameter.EntityLogicalName, parameter.IsOptional));
        var property = Assert.Single(api.ResponseProperties);
        Assert.Equal(("Count", CustomApiFieldType.Integer, (string?)null), (property.UniqueName, property.Type, property.EntityLogicalName));
    }

    private static void Add(ZipArchive archive, string name, string xml)
    {
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }
}
