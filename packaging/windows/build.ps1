# Build the Windows installer: PyInstaller bundle, then the NSIS installer.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Python .venv\Scripts\python.exe]
# Output: dist\bouncedesk\ (the bundle) and dist\BounceDesk-<version>-setup.exe.
# Needs NSIS 3 (makensis on PATH, or installed in Program Files; CI: `choco install nsis`).
param(
    [string]$Python = "python",
    [switch]$NoBundle
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

$Version = (& $Python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])").Trim()
if ($LASTEXITCODE -ne 0 -or -not $Version) { throw "could not read the version from pyproject.toml" }
$Parts = @(($Version -split '[^0-9]+') | Where-Object { $_ -ne '' }) + @('0', '0', '0', '0')
$Quad = ($Parts[0..3]) -join '.'

$Dist = Join-Path $Root "dist"
$Bundle = Join-Path $Dist "bouncedesk"
if (-not $NoBundle) {
    Write-Host "== PyInstaller bundle ($Version)"
    & $Python -m PyInstaller --noconfirm --clean --log-level WARN --distpath $Dist `
        --workpath (Join-Path $Root "build\pyinstaller") "packaging\pyinstaller\bouncedesk.spec"
    if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
}
foreach ($exe in "bouncedesk.exe", "bouncedesk-gui.exe") {
    if (-not (Test-Path (Join-Path $Bundle $exe))) { throw "no $exe in $Bundle" }
}

$MakeNsis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $MakeNsis) {
    foreach ($dir in "${env:ProgramFiles(x86)}\NSIS", "$env:ProgramFiles\NSIS") {
        if (Test-Path "$dir\makensis.exe") { $MakeNsis = "$dir\makensis.exe"; break }
    }
}
if (-not $MakeNsis) { throw "makensis not found: install NSIS 3 (choco install nsis)" }

$Setup = Join-Path $Dist "BounceDesk-$Version-setup.exe"
Write-Host "== NSIS installer"
& $MakeNsis /V2 "/DVERSION=$Version" "/DVERSION_QUAD=$Quad" "/DBUNDLE_DIR=$Bundle" "/DOUTFILE=$Setup" `
    (Join-Path $PSScriptRoot "bouncedesk.nsi")
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }

# Optional Authenticode signing when a certificate is supplied (base64 .pfx + password).
if ($env:WINDOWS_CERT_PFX_BASE64 -and $env:WINDOWS_CERT_PASSWORD) {
    $Pfx = Join-Path ([IO.Path]::GetTempPath()) "bouncedesk-sign.pfx"
    [IO.File]::WriteAllBytes($Pfx, [Convert]::FromBase64String($env:WINDOWS_CERT_PFX_BASE64))
    try {
        $SignTool = (Get-Command signtool -ErrorAction SilentlyContinue).Source
        if (-not $SignTool) {
            $SignTool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
                Sort-Object FullName | Select-Object -Last 1 -ExpandProperty FullName
        }
        & $SignTool sign /f $Pfx /p $env:WINDOWS_CERT_PASSWORD /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 $Setup
        if ($LASTEXITCODE -ne 0) { throw "signtool failed" }
    } finally { Remove-Item $Pfx -Force }
}
$Size = "{0:N1} MB" -f ((Get-Item $Setup).Length / 1MB)
Write-Host "installer $Setup ($Size)"
