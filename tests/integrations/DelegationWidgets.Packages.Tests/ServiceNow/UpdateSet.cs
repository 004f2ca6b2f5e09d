using System.Xml.Linq;

namespace DelegationWidgets.Packages.Tests.ServiceNow;

/// <summary>The ServiceNow update set as shipped: the unload document and each update's payload, parsed.</summary>
internal sealed class UpdateSet
{
    public const string RelativePath = "update-set/delegationwidgets-servicenow.xml";

    private UpdateSet(XDocument document)
    {
        Document = document;
        Updates = [.. document.Root!.Elements("sys_update_xml").Select(update => new Update(update))];
    }

    public XDocument Document { get; }

    public IReadOnlyList<Update> Updates { get; }

    public static UpdateSet Load() => new(XDocument.Parse(PackagePaths.Read(PackagePaths.ServiceNow, "update-set", "delegationwidgets-servicenow.xml")));

    /// <summary>The one record of a table; fails when there is none or more than one.</summary>
    public Update Single(string table) => Assert.Single(Updates, u => u.Table == table);

    /// <summary>The record of a table with a field value.</summary>
    public Update Find(string table, string field, string value) =>
        Assert.Single(Updates, u => u.Table == table && u.Field(field) == value);

    /// <summary>One sys_update_xml: its own fields and the record its payload carries.</summary>
    internal sealed class Update(XElement element)
    {
        private XElement? record;

        public XElement Element { get; } = element;

        public string Name => (string?)Element.Element("name") ?? "";

        public string Payload => (string?)Element.Element("payload") ?? "";

        /// <summary>The table named by the payload's record_update element.</summary>
        public string Table => (string?)PayloadRoot.Attribute("table") ?? "";

        /// <summary>The record element inside record_update (its name is the table).</summary>
        public XElement Record => record ??= Assert.Single(PayloadRoot.Elements());

        private XElement PayloadRoot => XDocument.Parse(Payload).Root!;

        public string? Field(string name) => (string?)Record.Element(name);
    }
}
