using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Xrm.Sdk.Client;

// Assembly-level attributes carried by the genuine Microsoft.Xrm.Sdk (sdk-surface.md §1.1).
[assembly: CLSCompliant(true)]
[assembly: ComVisible(false)]
[assembly: ProxyTypesAssembly(true)]

// The genuine Microsoft.Xrm.Sdk opens its internals to the other SDK assemblies under the same key (sdk-surface.md §1.1):
// the Proxy's audit types fill DataCollection<T> instances, whose constructors are internal.
[assembly: InternalsVisibleTo("Microsoft.Crm.Sdk.Proxy, PublicKey=0024000004800000940000000602000000240000525341310004000001000100b5fc90e7027f67871e773a8fde8938c81dd402ba65b9201d60593e96c492651e889cc13f1415ebb53fac1131ae0bd333c5ee6021672d9718ea31a8aebd0da0072f25d87dba6fc90ffd598ed4da35e44c398c454307e8e33b8426143daec9f596836f97c8f74750e5975c64e2189f45def46b2a2b1247adc3652bf5c308055da9")]
