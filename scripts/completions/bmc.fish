# fish completion for bmc. Installed by `cmake --install` into
# share/fish/vendor_completions.d/bmc.fish. Commands, options and people's names come from bmc
# itself (the hidden `bmc _commands`, `bmc _options` and `bmc _names`), so this file never needs
# updating when bmc gains a command.

# Prints the command path typed so far ("config set") and, after a blank line, the global
# options that choose the database and the date.
function __bmc_context
    set -l words (commandline -opc)
    set -l bmc $words[1]
    set -l cmdpath
    set -l globals
    set -l i 2
    while test $i -le (count $words)
        set -l word $words[$i]
        switch $word
            case --db --today
                set globals $globals $word $words[(math $i + 1)]
                set i (math $i + 1)
            case '-*'
                if $bmc _options --takes-value -- $cmdpath 2>/dev/null | string match -q -- $word
                    set i (math $i + 1)
                end
            case '*'
                if $bmc _commands -- $cmdpath 2>/dev/null | string split -f1 \t | string match -q -- $word
                    set cmdpath $cmdpath $word
                end
        end
        set i (math $i + 1)
    end
    printf '%s\n' $cmdpath
    echo
    printf '%s\n' $globals
end

function __bmc_complete
    set -l bmc (commandline -opc)[1]
    set -l context (__bmc_context)
    set -l sep (contains -i -- '' $context)
    set -l cmdpath
    if test $sep -gt 1
        set cmdpath $context[1..(math $sep - 1)]
    end
    set -l globals
    if test $sep -lt (count $context)
        set globals $context[(math $sep + 1)..-1]
    end
    set -l prev (commandline -opc)[-1]
    set -l cur (commandline -ct)
    switch $prev
        case --db -o --output
            __fish_complete_path $cur
            return
        case --strength -s
            printf '%s\n' strong medium weak
            return
        case --via
            printf '%s\n' coffee call video email text social meeting event other
            return
        case --by
            test "$cmdpath[1]" = log; and printf '%s\n' me them
            return
        case --format -f
            switch "$cmdpath[1]"
                case import
                    printf '%s\n' json linkedin google csv vcard
                case export
                    printf '%s\n' json jsonl csv vcard ics
            end
            return
        case --vcard-version
            printf '%s\n' 4.0 3.0
            return
    end
    if $bmc _options --takes-value -- $cmdpath 2>/dev/null | string match -q -- $prev
        return
    end
    if string match -q -- '-*' $cur
        $bmc _options -- $cmdpath 2>/dev/null
        return
    end
    set -l commands ($bmc _commands -- $cmdpath 2>/dev/null)
    if test (count $commands) -gt 0
        printf '%s\n' $commands
        return
    end
    switch "$cmdpath[1]"
        case import export demo config
            __fish_complete_path $cur
        case '*'
            $bmc $globals _names 2>/dev/null
    end
end

complete -c bmc -f -a '(__bmc_complete)'
