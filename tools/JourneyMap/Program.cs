using DuckDB.NET.Data;
using var c = new DuckDBConnection("DataSource=:memory:"); c.Open();
foreach (var q in System.IO.File.ReadAllText(args[0]).Split(";;")) {
  if (string.IsNullOrWhiteSpace(q)) continue;
  try { using var cmd = c.CreateCommand(); cmd.CommandText = q; using var r = cmd.ExecuteReader();
    while (r.Read()) { var vals = new object[r.FieldCount]; r.GetValues(vals); System.Console.WriteLine(string.Join(" | ", vals)); } }
  catch (System.Exception e) { System.Console.WriteLine("ERR " + e.Message.Split('\n')[0]); }
  System.Console.WriteLine("--");
}
