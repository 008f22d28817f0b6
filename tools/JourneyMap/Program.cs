using PatientJourney.Crm.JourneyMap.Cli;

return JourneyMapCommand.Run(args);
