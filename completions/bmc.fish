# fish completion for bmc. Installed as share/fish/vendor_completions.d/bmc.fish.
set -l commands add log due show list todo done edit snooze archive unarchive rm config export import dupes merge demo
complete -c bmc -f
complete -c bmc -n "not __fish_seen_subcommand_from $commands" -a "$commands"
complete -c bmc -l db -r -F -d 'Database file'
complete -c bmc -l today -x -d 'Pretend today is YYYY-MM-DD'
complete -c bmc -l no-color -d 'Never colour the output'
complete -c bmc -n "__fish_seen_subcommand_from log show edit snooze archive unarchive rm todo merge" -x -a "(bmc _names 2>/dev/null)"
complete -c bmc -n "__fish_seen_subcommand_from export" -s f -l format -x -a "json jsonl csv vcard ics"
complete -c bmc -n "__fish_seen_subcommand_from import" -s f -l format -x -a "json linkedin google csv vcard"
complete -c bmc -n "__fish_seen_subcommand_from import" -F
complete -c bmc -n "__fish_seen_subcommand_from export" -s o -l output -r -F
complete -c bmc -n "__fish_seen_subcommand_from export" -l vcard-version -x -a "4.0 3.0"
complete -c bmc -n "__fish_seen_subcommand_from export" -l within -x
complete -c bmc -n "__fish_seen_subcommand_from export" -l alarm
complete -c bmc -n "__fish_seen_subcommand_from import" -s n -l dry-run
complete -c bmc -n "__fish_seen_subcommand_from import" -l overwrite
complete -c bmc -n "__fish_seen_subcommand_from add import edit" -s s -l strength -x -a "strong medium weak"
complete -c bmc -n "__fish_seen_subcommand_from log" -l via -x -a "coffee call video email text social meeting event other"
