using System;
using System.Runtime.InteropServices;
using Microsoft.Xrm.Sdk.Client;

// Assembly-level attributes carried by the genuine Microsoft.Xrm.Sdk (sdk-surface.md §1.1).
[assembly: CLSCompliant(true)]
[assembly: ComVisible(false)]
[assembly: ProxyTypesAssembly(true)]
