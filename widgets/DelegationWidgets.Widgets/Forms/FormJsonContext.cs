using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DelegationWidgets.Widgets.Forms;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class FormJsonContext : JsonSerializerContext;
