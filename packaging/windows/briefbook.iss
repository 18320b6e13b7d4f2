; Inno Setup 6 script for Briefbook: installs the one-folder app built by PyInstaller, with a
; Start menu entry and the .bbpack file association. build_installer.py runs it on Windows:
;   iscc /DAppVersion=0.1.0 /DNumericVersion=0.1.0.0 /DAppSourceDir=dist\briefbook /DOutputDir=dist
;        /DIconFile=resources\icons\briefbook.ico packaging\windows\briefbook.iss
; The user's library lives in the user data folder, never under {app}: upgrading or
; uninstalling never touches it.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef NumericVersion
  #define NumericVersion "0.0.0.0"
#endif
#ifndef AppSourceDir
  #define AppSourceDir "..\..\dist\briefbook"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\resources\icons\briefbook.ico"
#endif

[Setup]
; AppId identifies the product across versions (upgrades replace, uninstall finds it): never change it
AppId={{8F0C2B4E-3C1D-4E7A-9B5F-2A6D1E0C7B91}
AppName=Briefbook
AppVersion={#AppVersion}
AppVerName=Briefbook {#AppVersion}
AppPublisher=Briefbook
VersionInfoVersion={#NumericVersion}
DefaultDirName={autopf}\Briefbook
DefaultGroupName=Briefbook
DisableProgramGroupPage=yes
OutputDir={#OutputDir}
OutputBaseFilename=briefbook-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\briefbookw.exe
UninstallDisplayName=Briefbook {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; no administrator needed: installs for the current user unless the user chooses all users
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "associate"; Description: "Open .bbpack library packs with Briefbook"; GroupDescription: "File types:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; a new version replaces the previous program files entirely (no stale modules left behind)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#AppSourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; briefbookw.exe is the windowed executable (no console window); briefbook.exe is the command line
Name: "{group}\Briefbook"; Filename: "{app}\briefbookw.exe"; WorkingDir: "{userdocs}"; Comment: "Build briefing books"
Name: "{group}\Uninstall Briefbook"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Briefbook"; Filename: "{app}\briefbookw.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; HKA = HKCU for a per-user install, HKLM for an all-users install
Root: HKA; Subkey: "Software\Classes\.bbpack"; ValueType: string; ValueName: ""; ValueData: "Briefbook.Pack"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.bbpack"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-briefbook-pack"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.bbpack\OpenWithProgids"; ValueType: string; ValueName: "Briefbook.Pack"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Briefbook.Pack"; ValueType: string; ValueName: ""; ValueData: "Briefbook library pack"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Briefbook.Pack\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\briefbookw.exe,0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Briefbook.Pack\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\briefbookw.exe"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\briefbookw.exe\SupportedTypes"; ValueType: string; ValueName: ".bbpack"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\briefbookw.exe"; Description: "{cm:LaunchProgram,Briefbook}"; Flags: nowait postinstall skipifsilent
