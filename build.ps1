#!/usr/bin/env pwsh
# Restores, builds (Release), runs the tests and writes the solution packages to out/.
# Run from a fresh clone with:  dotnet tool restore && dotnet pwsh ./build.ps1
# Each step stops the build on failure and says which step failed.
[CmdletBinding()]
param(
    [string]$Configuration = 'Release',
    [switch]$SkipTests
)

$ErrorActionPreference = 'Stop'
Set-Location -Path $PSScriptRoot

function Invoke-Step([string]$Name, [scriptblock]$Command) {
    Write-Host "==> $Name" -ForegroundColor Cyan
    & $Command
    if ($LASTEXITCODE -ne 0) {
        Write-Host "FAILED: $Name (exit code $LASTEXITCODE)" -ForegroundColor Red
        exit $LASTEXITCODE
    }
}

Invoke-Step 'restore packages' { dotnet restore PatientJourney.Crm.sln }
# The PCF controls (Solution/controls) build before the tests and the pack, which read their output (out/<namespace.constructor>/).
Invoke-Step 'build the PCF controls (npm ci, build, unit tests)' {
    Push-Location Solution/controls
    try {
        npm ci --no-audit --no-fund
        if ($LASTEXITCODE -eq 0) { npm run build }
        if ($LASTEXITCODE -eq 0 -and -not $SkipTests) { npm test }
    } finally { Pop-Location }
}
Invoke-Step "build ($Configuration)" { dotnet build PatientJourney.Crm.sln --configuration $Configuration --no-restore }
if (-not $SkipTests) {
    Invoke-Step 'run tests' { dotnet test PatientJourney.Crm.sln --configuration $Configuration --no-build }
}
Invoke-Step 'pack the solution (out/)' { dotnet run --project tools/Packer/PatientJourney.Crm.Packer.csproj --configuration $Configuration --no-build -- pack --configuration $Configuration }

# A small simulated organisation driven through the shipped plug-ins, so the build ends with a journey map to look at.
Invoke-Step 'simulate a small organisation (out/sandbox/journey-map.html)' { dotnet run --project tools/JourneyMap/PatientJourney.Crm.JourneyMap.csproj --configuration $Configuration --no-build -- simulate --patients 200 --months 6 --seed 1 --out out/sandbox/export --report out/sandbox }

Write-Host "Build succeeded." -ForegroundColor Green
