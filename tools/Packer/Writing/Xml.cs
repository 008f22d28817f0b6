using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PatientJourney.Crm.Packer.Writing;

/// <summary>Small builders for the label and flag shapes that recur throughout solution XML, and the exported serialisation.</summary>
internal static class Xml
{
    public const int Language = 1033;
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static XElement Flag(string name, bool value) => new(name, value ? "1" : "0");

    public static XElement Localized(string container, string item, string text) =>
        new(container, new XElement(item, new XAttribute("description", text), new XAttribute("languagecode", Language)));

    public static XElement LocalizedNames(string text) => Localized("LocalizedNames", "LocalizedName", text);
    public static XElement Descriptions(string? text) => Localized("Descriptions", "Description", text ?? "");
    public static XElement DisplayNames(string text) => Localized("displaynames", "displayname", text);
    public static XElement Labels(string text) => Localized("labels", "label", text);

    /// <summary>Custom API and environment variable labels: a default attribute plus one localised label.</summary>
    public static XElement DefaultLabel(string name, string text) =>
        new(name, new XAttribute("default", text), new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", Language)));

    /// <summary>As Dataverse exports it: UTF-8 without BOM, no XML declaration, two-space indent, CRLF line ends.</summary>
    public static byte[] Serialize(XElement root)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\r\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings)) root.Save(writer);
        return stream.ToArray();
    }
}
