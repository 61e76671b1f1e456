; BounceDesk installer for Windows: per-user (no admin rights), Start-menu entry, uninstaller.
; Built by build.ps1 after PyInstaller:
;   makensis /DVERSION=0.1.0 /DBUNDLE_DIR=dist\bouncedesk /DOUTFILE=dist\BounceDesk-0.1.0-setup.exe bouncedesk.nsi
; makensis changes into this folder first: pass absolute paths. BUNDLE_DIR is the PyInstaller onedir folder (bouncedesk.exe, bouncedesk-gui.exe, _internal\).

Unicode true
SetCompressor /SOLID lzma
ManifestDPIAware true

!ifndef VERSION
  !error "pass /DVERSION=x.y.z"
!endif
!ifndef BUNDLE_DIR
  !error "pass /DBUNDLE_DIR=path\to\dist\bouncedesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "BounceDesk-${VERSION}-setup.exe"
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "${VERSION}.0"
!endif
!ifndef ICON
  !define ICON "..\..\resources\icons\bouncedesk.ico" ; makensis works in this folder
!endif

!define APP "BounceDesk"
!define PUBLISHER "BounceDesk"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define APP_KEY "Software\${APP}"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${APP_KEY}" "InstallDir"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\bouncedesk-gui.exe"
!define MUI_FINISHPAGE_RUN_PARAMETERS "--demo"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunDemo)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"
LangString RunDemo 1033 "Open BounceDesk on its demo data"
LangString RunDemo 1031 "BounceDesk mit Beispieldaten öffnen"
LangString DemoLink 1033 "BounceDesk (demo data)"
LangString DemoLink 1031 "BounceDesk (Beispieldaten)"
LangString NotOurs 1033 "$INSTDIR does not look like a BounceDesk folder; nothing was removed."
LangString NotOurs 1031 "$INSTDIR sieht nicht nach einem BounceDesk-Ordner aus; nichts wurde entfernt."

; the installer speaks the user's Windows language (German or English)
Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "BounceDesk" SecMain
  SectionIn RO
  ; an update replaces the old program files (never the user's data, which lives in %LOCALAPPDATA%\BounceDesk)
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\bouncedesk-gui.exe" "" "$INSTDIR\bouncedesk-gui.exe" 0
  CreateShortCut "$SMPROGRAMS\$(DemoLink).lnk" "$INSTDIR\bouncedesk-gui.exe" "--demo" "$INSTDIR\bouncedesk-gui.exe" 0

  WriteRegStr HKCU "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\bouncedesk-gui.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  ; only remove a folder that holds our program, so a mistyped install dir never costs user files
  IfFileExists "$INSTDIR\bouncedesk.exe" +3 0
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(NotOurs)" /SD IDOK
    Abort
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$SMPROGRAMS\$(DemoLink).lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\bouncedesk.exe"
  Delete "$INSTDIR\bouncedesk-gui.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${APP_KEY}"
SectionEnd
