using Platform.Emulators.Salesforce;

// dotnet run --project sdk/Platform.Emulators.Salesforce.Server -- --urls http://127.0.0.1:7443 --seed seed.json
var app = SalesforceEmulator.CreateApplication(args);
await app.RunAsync();
