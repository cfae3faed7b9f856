# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_zoomctl_global_optspecs
    string join \n profile= oauth-url= api-url= client-id= scope= config= demo demo-approve-after= ascii qr= color= log-file= h/help V/version
end

function __fish_zoomctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_zoomctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_zoomctl_using_subcommand
    set -l cmd (__fish_zoomctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c zoomctl -n "__fish_zoomctl_needs_command" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -s V -l version -d 'Print version'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "login" -d 'Sign in with the device flow (full screen; --no-tui for plain lines)'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "token" -d 'Print a valid access token and nothing else (refreshes when under 60 s remain)'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "status" -d 'Show who is signed in, the scopes and when the token expires; asks the server whether it still accepts the sign-in (refreshing if needed) unless --offline'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "logout" -d 'Revoke the tokens at the server and delete them here'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "profiles" -d 'List the profiles: each one\'s server and who is signed in (from the token files)'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "switch" -d 'Make PROFILE the one used when --profile is not given (`default_profile` in config.toml)'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "zak" -d 'Print the ZAK (Zoom Access Key, to start meetings as you; it lives 5 minutes)'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "meetings" -d 'List your meetings (every page); create, show or delete one; see past ones'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "api" -d 'Send a request to the Zoom API with the stored sign-in and print the answer, as `gh api` does (the token never leaves the API it was issued for)'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "sim" -d 'Run the Zoom simulator (zoom.us on loopback, for tests and demos)'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "completions" -d 'Print shell completions (e.g. `zoomctl completions bash > /etc/bash_completion.d/zoomctl`)'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "man" -d 'Print the manual page (roff), e.g. `zoomctl man | man -l -`, or write one page per command into a folder with --out'
complete -c zoomctl -n "__fish_zoomctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l no-tui -d 'Print the QR code, code and links as plain lines (on stderr) instead of the full-screen app'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l json -d 'For programs that show the code themselves: one JSON object a line on stdout, the code first, then each change (slow_down, network trouble, approved, denied, expired); see the README\'s "Stable output" section'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand login" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand token" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l json -d 'Machine-readable output'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l offline -d 'Read the token file only; do not ask the server whether it still accepts the sign-in'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l all -d 'Every profile, one after another (a JSON array with --json)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand status" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l local -d 'Forget the sign-in here without asking the server to revoke it (for a server that is gone for good; the tokens stay valid there until they expire)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand logout" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l json -d 'Machine-readable output'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand profiles" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand switch" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l json -d '`{"zak": ..., "expires_at": ..., "expires_in_seconds": ...}`, the expiry from the ZAK\'s own claims'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand zak" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l type -d 'Which meetings' -r -f -a "scheduled\t'Unexpired past, live and upcoming meetings'
live\t'Meetings in progress'
upcoming\t'Upcoming meetings, live ones included'
upcoming-meetings\t'Upcoming meetings (Zoom\'s newer name)'
previous-meetings\t'Meetings that have ended'"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l json -d '`{"meetings": [...]}` with the API\'s fields'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -f -a "create" -d 'Create a meeting and print its join URL'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -f -a "show" -d 'Show one meeting: when (a series\' next occurrence), how it repeats, its length, join URL and agenda'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -f -a "delete" -d 'Delete a meeting, or one occurrence of a series (Zoom refuses one in progress, one that has ended, and your personal meeting room)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -f -a "past" -d 'A meeting that has happened: its details, or who was there (--participants)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and not __fish_seen_subcommand_from create show delete past help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l at -d 'Schedule it at this RFC 3339 time with its offset, e.g. 2026-12-01T15:00:00Z or 2026-12-01T16:00:00+01:00 (with --recurrence: the first occurrence)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l duration -d 'Length in minutes of a scheduled meeting (or of each occurrence), 1 to 1440 [default: 30]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l topic -d 'The meeting\'s topic, as invitees see it (at most 200 characters) [default: "zoomctl meeting"]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l timezone -d 'The time zone invitees see it in and a series repeats in, e.g. Europe/Berlin [default: your Zoom profile\'s, else UTC]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l recurrence -d 'Repeat it (with --at, and --times or --until): daily[/N] (every N days, N up to 90), weekly[/N][:DAYS] (N up to 12; DAYS such as mon,wed; default the day of --at), monthly[/N][:DAY] (N up to 3; DAY 1-31, or 1st-mon ... 4th-mon, last-fri; default the date of --at)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l times -d 'With --recurrence: this many occurrences, 1 to 60' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l until -d 'With --recurrence: the last day it may occur, an RFC 3339 time with its offset' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l instant -d 'Start now (an instant meeting)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l no-fixed-time -d 'A recurring meeting with no fixed time: its link works whenever it is started'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l json -d 'The whole API answer as JSON (without the start URL unless --show-start-url)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l show-start-url -d 'Also print the start URL. It lets anyone who has it start the meeting as you'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l json -d 'The whole API answer as JSON (without the start URL unless --show-start-url)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l show-start-url -d 'Also print a fresh start URL. It lets anyone who has it start the meeting as you'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l occurrence -d 'Delete only this occurrence of a series (its occurrence_id, from `meetings show --json`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l participants -d 'List who was there (every page) instead of the details'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l json -d 'The API\'s answer as JSON: the meeting, or {"participants": [...]}'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from past" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a meeting and print its join URL'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one meeting: when (a series\' next occurrence), how it repeats, its length, join URL and agenda'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a meeting, or one occurrence of a series (Zoom refuses one in progress, one that has ended, and your personal meeting room)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from help" -f -a "past" -d 'A meeting that has happened: its details, or who was there (--participants)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand meetings; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -s X -l method -d 'The HTTP method [default: GET, or POST when -f, -F or --input is given (GET with --paginate)]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -s f -l raw-field -d 'A string field, KEY=VALUE: in the JSON body for POST, PATCH and PUT, in the query for GET and DELETE (and with --input). KEY[SUB]=... nests, KEY[]=... appends to a list' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -s F -l field -d 'A typed field, as -f but true, false, null and numbers are JSON\'s, and @FILE is the file\'s contents (@- standard input); a string of digits such as a passcode needs -f' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l input -d 'The request body, sent as it is (as application/json), from FILE or - for standard input; fields then go in the query' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l paginate -d 'Follow next_page_token to the end of the list and print one object with the lists of every page joined (a token seen before stops it)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -s i -l include -d 'Print the status line and the response headers before the body'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand api" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l listen -d 'Address to listen on (127.0.0.1:0 picks a free port). 0.0.0.0 or [::] opens it to the network, without any authentication on the approval page; its links still name loopback' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l client-id -d 'The one OAuth client the simulator knows' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l client-secret -d 'That client\'s secret. Better set ZOOMCTL_SIM_CLIENT_SECRET, which keeps it out of `ps`: a value on the command line is visible to every user of the machine' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l approve-after -d 'Approve every pending code automatically this many seconds after it was issued (0 to 86400, fractions allowed)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l interval -d 'Polling interval (seconds, up to 86400) advertised and enforced for device codes' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l device-code-ttl -d 'Lifetime of a device code, in seconds (up to a year, 31622400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l access-token-ttl -d 'Lifetime of an access token, in seconds (up to a year, 31622400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l refresh-token-ttl -d 'Lifetime of a refresh token, in seconds, up to 20 years, 630720000 (Zoom\'s KB says 15 years; other sources 90 days)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l approval-delay-polls -d 'After approval, keep answering authorization_pending for N more polls' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l slow-down-every -d 'Answer slow_down on every Nth poll of a device code' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l scopes -d 'Grant only these scopes (comma or space separated) instead of the default "user:read:user user:read:zak meeting:read:list_meetings meeting:write:meeting meeting:read:meeting meeting:delete:meeting meeting:read:past_meeting meeting:read:list_past_participants"' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l fail-rate -d 'Share (0.0..=1.0) of requests answered with a 5xx' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l latency-ms -d 'Delay before every API answer, in milliseconds (up to a day, 86400000)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l seed -d 'Seed for the fault dice, so a run can be repeated' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l meetings -d 'Seed this many meetings (up to 10000): scheduled, live, over (with participants), recurring with and without a fixed time, the personal meeting room; varied topics and names, some hostile to terminals' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l rate-limit -d 'Per-second limit for each /v2 endpoint label (Light, Medium); past it answer 429' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l retry-after-style -d 'How to spell Retry-After on 429 and 503 answers (default: seconds on per-second limits and 503s, an ISO date-time on the daily create limit, as Zoom does)' -r -f -a "seconds\t'`Retry-After: 1`'
http-date\t'`Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`'
iso\t'`Retry-After: 2020-05-31T00:00:00Z`'"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l deny -d 'With --approve-after: deny instead of approving'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l omit-interval -d 'Leave `interval` out of the device authorization response (clients must then use 5 s)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l multiple-grants -d 'Keep earlier grants alive when the same user approves the same client again (real Zoom revokes them: only the latest grant is valid)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l friendly-meetings -d 'Seed everyday topics only, without the terminal-attack strings (what `--demo` shows)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand sim" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l out -d 'Write zoomctl.1 and a page for every subcommand (zoomctl-login.1, …) into this folder' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l profile -d 'Profile to use (a section of config.toml; one token file each)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l oauth-url -d 'OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l api-url -d 'REST API base URL [env: ZOOM_API_URL] [default: the token\'s api_url, else https://api.zoom.us]' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l client-id -d 'OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l scope -d 'Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from the app\'s settings and needs none; other RFC 8628 servers may grant nothing without them' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l config -d 'Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l demo-approve-after -d 'With --demo: seconds until the simulator approves the sign-in (0 to 86400)' -r
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l qr -d 'How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto` (half blocks, also on a Linux console whose font has them)' -r -f -a "auto\t''
blocks\t''
ascii\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l color -d 'When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR wins)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l log-file -d 'Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)' -r -F
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l demo -d 'Run against a built-in Zoom simulator that approves by itself: no Zoom account needed'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -l ascii -d 'Plain ASCII only (for the Linux console and fonts without block characters)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "login" -d 'Sign in with the device flow (full screen; --no-tui for plain lines)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "token" -d 'Print a valid access token and nothing else (refreshes when under 60 s remain)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "status" -d 'Show who is signed in, the scopes and when the token expires; asks the server whether it still accepts the sign-in (refreshing if needed) unless --offline'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "logout" -d 'Revoke the tokens at the server and delete them here'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "profiles" -d 'List the profiles: each one\'s server and who is signed in (from the token files)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "switch" -d 'Make PROFILE the one used when --profile is not given (`default_profile` in config.toml)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "zak" -d 'Print the ZAK (Zoom Access Key, to start meetings as you; it lives 5 minutes)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "meetings" -d 'List your meetings (every page); create, show or delete one; see past ones'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "api" -d 'Send a request to the Zoom API with the stored sign-in and print the answer, as `gh api` does (the token never leaves the API it was issued for)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "sim" -d 'Run the Zoom simulator (zoom.us on loopback, for tests and demos)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "completions" -d 'Print shell completions (e.g. `zoomctl completions bash > /etc/bash_completion.d/zoomctl`)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "man" -d 'Print the manual page (roff), e.g. `zoomctl man | man -l -`, or write one page per command into a folder with --out'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and not __fish_seen_subcommand_from login token status logout profiles switch zak meetings api sim completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and __fish_seen_subcommand_from meetings" -f -a "create" -d 'Create a meeting and print its join URL'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and __fish_seen_subcommand_from meetings" -f -a "show" -d 'Show one meeting: when (a series\' next occurrence), how it repeats, its length, join URL and agenda'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and __fish_seen_subcommand_from meetings" -f -a "delete" -d 'Delete a meeting, or one occurrence of a series (Zoom refuses one in progress, one that has ended, and your personal meeting room)'
complete -c zoomctl -n "__fish_zoomctl_using_subcommand help; and __fish_seen_subcommand_from meetings" -f -a "past" -d 'A meeting that has happened: its details, or who was there (--participants)'
