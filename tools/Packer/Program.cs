using System;
using PatientJourney.Crm.Packer;

return Cli.Run(args, Console.Out, Console.Error);
