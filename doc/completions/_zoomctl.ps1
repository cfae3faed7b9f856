
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'zoomctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'zoomctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'zoomctl' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in with the device flow (full screen; --no-tui for plain lines)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a valid access token and nothing else (refreshes when under 60 s remain)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who is signed in, the scopes and when the token expires; asks the server whether it still accepts the sign-in (refreshing if needed) unless --offline')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke the tokens at the server and delete them here')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List the profiles: each one''s server and who is signed in (from the token files)')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Make PROFILE the one used when --profile is not given (`default_profile` in config.toml)')
            [CompletionResult]::new('zak', 'zak', [CompletionResultType]::ParameterValue, 'Print the ZAK (Zoom Access Key, to start meetings as you; it lives 5 minutes)')
            [CompletionResult]::new('meetings', 'meetings', [CompletionResultType]::ParameterValue, 'List your meetings (every page); create, show or delete one; see past ones')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Send a request to the Zoom API with the stored sign-in and print the answer, as `gh api` does (the token never leaves the API it was issued for)')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run the Zoom simulator (zoom.us on loopback, for tests and demos)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (e.g. `zoomctl completions bash > /etc/bash_completion.d/zoomctl`)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff), e.g. `zoomctl man | man -l -`, or write one page per command into a folder with --out')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zoomctl;login' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--no-tui', '--no-tui', [CompletionResultType]::ParameterName, 'Print the QR code, code and links as plain lines (on stderr) instead of the full-screen app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'For programs that show the code themselves: one JSON object a line on stdout, the code first, then each change (slow_down, network trouble, approved, denied, expired); see the README''s "Stable output" section')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;token' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Read the token file only; do not ask the server whether it still accepts the sign-in')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every profile, one after another (a JSON array with --json)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Forget the sign-in here without asking the server to revoke it (for a server that is gone for good; the tokens stay valid there until they expire)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;profiles' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;switch' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;zak' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, '`{"zak": ..., "expires_at": ..., "expires_in_seconds": ...}`, the expiry from the ZAK''s own claims')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;meetings' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Which meetings')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, '`{"meetings": [...]}` with the API''s fields')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a meeting and print its join URL')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one meeting: when (a series'' next occurrence), how it repeats, its length, join URL and agenda')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a meeting, or one occurrence of a series (Zoom refuses one in progress, one that has ended, and your personal meeting room)')
            [CompletionResult]::new('past', 'past', [CompletionResultType]::ParameterValue, 'A meeting that has happened: its details, or who was there (--participants)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zoomctl;meetings;create' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Schedule it at this RFC 3339 time with its offset, e.g. 2026-12-01T15:00:00Z or 2026-12-01T16:00:00+01:00 (with --recurrence: the first occurrence)')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Length in minutes of a scheduled meeting (or of each occurrence), 1 to 1440 [default: 30]')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'The meeting''s topic, as invitees see it (at most 200 characters) [default: "zoomctl meeting"]')
            [CompletionResult]::new('--timezone', '--timezone', [CompletionResultType]::ParameterName, 'The time zone invitees see it in and a series repeats in, e.g. Europe/Berlin [default: your Zoom profile''s, else UTC]')
            [CompletionResult]::new('--recurrence', '--recurrence', [CompletionResultType]::ParameterName, 'Repeat it (with --at, and --times or --until): daily[/N] (every N days, N up to 90), weekly[/N][:DAYS] (N up to 12; DAYS such as mon,wed; default the day of --at), monthly[/N][:DAY] (N up to 3; DAY 1-31, or 1st-mon ... 4th-mon, last-fri; default the date of --at)')
            [CompletionResult]::new('--times', '--times', [CompletionResultType]::ParameterName, 'With --recurrence: this many occurrences, 1 to 60')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'With --recurrence: the last day it may occur, an RFC 3339 time with its offset')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--instant', '--instant', [CompletionResultType]::ParameterName, 'Start now (an instant meeting)')
            [CompletionResult]::new('--no-fixed-time', '--no-fixed-time', [CompletionResultType]::ParameterName, 'A recurring meeting with no fixed time: its link works whenever it is started')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'The whole API answer as JSON (without the start URL unless --show-start-url)')
            [CompletionResult]::new('--show-start-url', '--show-start-url', [CompletionResultType]::ParameterName, 'Also print the start URL. It lets anyone who has it start the meeting as you')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;meetings;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'The whole API answer as JSON (without the start URL unless --show-start-url)')
            [CompletionResult]::new('--show-start-url', '--show-start-url', [CompletionResultType]::ParameterName, 'Also print a fresh start URL. It lets anyone who has it start the meeting as you')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;meetings;delete' {
            [CompletionResult]::new('--occurrence', '--occurrence', [CompletionResultType]::ParameterName, 'Delete only this occurrence of a series (its occurrence_id, from `meetings show --json`)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;meetings;past' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--participants', '--participants', [CompletionResultType]::ParameterName, 'List who was there (every page) instead of the details')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'The API''s answer as JSON: the meeting, or {"participants": [...]}')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;meetings;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a meeting and print its join URL')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one meeting: when (a series'' next occurrence), how it repeats, its length, join URL and agenda')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a meeting, or one occurrence of a series (Zoom refuses one in progress, one that has ended, and your personal meeting room)')
            [CompletionResult]::new('past', 'past', [CompletionResultType]::ParameterValue, 'A meeting that has happened: its details, or who was there (--participants)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zoomctl;meetings;help;create' {
            break
        }
        'zoomctl;meetings;help;show' {
            break
        }
        'zoomctl;meetings;help;delete' {
            break
        }
        'zoomctl;meetings;help;past' {
            break
        }
        'zoomctl;meetings;help;help' {
            break
        }
        'zoomctl;api' {
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'The HTTP method [default: GET, or POST when -f, -F or --input is given (GET with --paginate)]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The HTTP method [default: GET, or POST when -f, -F or --input is given (GET with --paginate)]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A string field, KEY=VALUE: in the JSON body for POST, PATCH and PUT, in the query for GET and DELETE (and with --input). KEY[SUB]=... nests, KEY[]=... appends to a list')
            [CompletionResult]::new('--raw-field', '--raw-field', [CompletionResultType]::ParameterName, 'A string field, KEY=VALUE: in the JSON body for POST, PATCH and PUT, in the query for GET and DELETE (and with --input). KEY[SUB]=... nests, KEY[]=... appends to a list')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'A typed field, as -f but true, false, null and numbers are JSON''s, and @FILE is the file''s contents (@- standard input); a string of digits such as a passcode needs -f')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A typed field, as -f but true, false, null and numbers are JSON''s, and @FILE is the file''s contents (@- standard input); a string of digits such as a passcode needs -f')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The request body, sent as it is (as application/json), from FILE or - for standard input; fields then go in the query')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--paginate', '--paginate', [CompletionResultType]::ParameterName, 'Follow next_page_token to the end of the list and print one object with the lists of every page joined (a token seen before stops it)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the status line and the response headers before the body')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the status line and the response headers before the body')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;sim' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (127.0.0.1:0 picks a free port). 0.0.0.0 or [::] opens it to the network, without any authentication on the approval page; its links still name loopback')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The one OAuth client the simulator knows')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'That client''s secret. Better set ZOOMCTL_SIM_CLIENT_SECRET, which keeps it out of `ps`: a value on the command line is visible to every user of the machine')
            [CompletionResult]::new('--approve-after', '--approve-after', [CompletionResultType]::ParameterName, 'Approve every pending code automatically this many seconds after it was issued (0 to 86400, fractions allowed)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Polling interval (seconds, up to 86400) advertised and enforced for device codes')
            [CompletionResult]::new('--device-code-ttl', '--device-code-ttl', [CompletionResultType]::ParameterName, 'Lifetime of a device code, in seconds (up to a year, 31622400)')
            [CompletionResult]::new('--access-token-ttl', '--access-token-ttl', [CompletionResultType]::ParameterName, 'Lifetime of an access token, in seconds (up to a year, 31622400)')
            [CompletionResult]::new('--refresh-token-ttl', '--refresh-token-ttl', [CompletionResultType]::ParameterName, 'Lifetime of a refresh token, in seconds, up to 20 years, 630720000 (Zoom''s KB says 15 years; other sources 90 days)')
            [CompletionResult]::new('--approval-delay-polls', '--approval-delay-polls', [CompletionResultType]::ParameterName, 'After approval, keep answering authorization_pending for N more polls')
            [CompletionResult]::new('--slow-down-every', '--slow-down-every', [CompletionResultType]::ParameterName, 'Answer slow_down on every Nth poll of a device code')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'Grant only these scopes (comma or space separated) instead of the default "user:read:user user:read:zak meeting:read:list_meetings meeting:write:meeting meeting:read:meeting meeting:delete:meeting meeting:read:past_meeting meeting:read:list_past_participants"')
            [CompletionResult]::new('--fail-rate', '--fail-rate', [CompletionResultType]::ParameterName, 'Share (0.0..=1.0) of requests answered with a 5xx')
            [CompletionResult]::new('--latency-ms', '--latency-ms', [CompletionResultType]::ParameterName, 'Delay before every API answer, in milliseconds (up to a day, 86400000)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for the fault dice, so a run can be repeated')
            [CompletionResult]::new('--meetings', '--meetings', [CompletionResultType]::ParameterName, 'Seed this many meetings (up to 10000): scheduled, live, over (with participants), recurring with and without a fixed time, the personal meeting room; varied topics and names, some hostile to terminals')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'Per-second limit for each /v2 endpoint label (Light, Medium); past it answer 429')
            [CompletionResult]::new('--retry-after-style', '--retry-after-style', [CompletionResultType]::ParameterName, 'How to spell Retry-After on 429 and 503 answers (default: seconds on per-second limits and 503s, an ISO date-time on the daily create limit, as Zoom does)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'With --approve-after: deny instead of approving')
            [CompletionResult]::new('--omit-interval', '--omit-interval', [CompletionResultType]::ParameterName, 'Leave `interval` out of the device authorization response (clients must then use 5 s)')
            [CompletionResult]::new('--multiple-grants', '--multiple-grants', [CompletionResultType]::ParameterName, 'Keep earlier grants alive when the same user approves the same client again (real Zoom revokes them: only the latest grant is valid)')
            [CompletionResult]::new('--friendly-meetings', '--friendly-meetings', [CompletionResultType]::ParameterName, 'Seed everyday topics only, without the terminal-attack strings (what `--demo` shows)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'zoomctl;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;man' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write zoomctl.1 and a page for every subcommand (zoomctl-login.1, …) into this folder')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a section of config.toml; one token file each)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'REST API base URL [env: ZOOM_API_URL] [default: the token''s api_url, else https://api.zoom.us]')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app''s settings and needs none; other RFC 8628 servers may grant nothing without them')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]')
            [CompletionResult]::new('--demo-approve-after', '--demo-approve-after', [CompletionResultType]::ParameterName, 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)')
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Plain ASCII only (for the Linux console and fonts without block characters)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'zoomctl;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in with the device flow (full screen; --no-tui for plain lines)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a valid access token and nothing else (refreshes when under 60 s remain)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who is signed in, the scopes and when the token expires; asks the server whether it still accepts the sign-in (refreshing if needed) unless --offline')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke the tokens at the server and delete them here')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'List the profiles: each one''s server and who is signed in (from the token files)')
            [CompletionResult]::new('switch', 'switch', [CompletionResultType]::ParameterValue, 'Make PROFILE the one used when --profile is not given (`default_profile` in config.toml)')
            [CompletionResult]::new('zak', 'zak', [CompletionResultType]::ParameterValue, 'Print the ZAK (Zoom Access Key, to start meetings as you; it lives 5 minutes)')
            [CompletionResult]::new('meetings', 'meetings', [CompletionResultType]::ParameterValue, 'List your meetings (every page); create, show or delete one; see past ones')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Send a request to the Zoom API with the stored sign-in and print the answer, as `gh api` does (the token never leaves the API it was issued for)')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run the Zoom simulator (zoom.us on loopback, for tests and demos)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions (e.g. `zoomctl completions bash > /etc/bash_completion.d/zoomctl`)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff), e.g. `zoomctl man | man -l -`, or write one page per command into a folder with --out')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zoomctl;help;login' {
            break
        }
        'zoomctl;help;token' {
            break
        }
        'zoomctl;help;status' {
            break
        }
        'zoomctl;help;logout' {
            break
        }
        'zoomctl;help;profiles' {
            break
        }
        'zoomctl;help;switch' {
            break
        }
        'zoomctl;help;zak' {
            break
        }
        'zoomctl;help;meetings' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a meeting and print its join URL')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one meeting: when (a series'' next occurrence), how it repeats, its length, join URL and agenda')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a meeting, or one occurrence of a series (Zoom refuses one in progress, one that has ended, and your personal meeting room)')
            [CompletionResult]::new('past', 'past', [CompletionResultType]::ParameterValue, 'A meeting that has happened: its details, or who was there (--participants)')
            break
        }
        'zoomctl;help;meetings;create' {
            break
        }
        'zoomctl;help;meetings;show' {
            break
        }
        'zoomctl;help;meetings;delete' {
            break
        }
        'zoomctl;help;meetings;past' {
            break
        }
        'zoomctl;help;api' {
            break
        }
        'zoomctl;help;sim' {
            break
        }
        'zoomctl;help;completions' {
            break
        }
        'zoomctl;help;man' {
            break
        }
        'zoomctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
