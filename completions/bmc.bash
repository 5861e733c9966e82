# bash completion for bmc. Installed as share/bash-completion/completions/bmc.
_bmc() {
    local cur prev cmd i
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="add log due show list todo done edit snooze archive unarchive rm config export import dupes merge demo"
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --db|--today) ((i++)) ;;
            -*) ;;
            *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    case $prev in
        --db|-o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -f|--format)
            if [[ $cmd == export ]]; then
                COMPREPLY=($(compgen -W "json jsonl csv vcard ics" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "json linkedin google csv vcard" -- "$cur"))
            fi
            return ;;
        -s|--strength) COMPREPLY=($(compgen -W "strong medium weak" -- "$cur")); return ;;
        --via) COMPREPLY=($(compgen -W "coffee call video email text social meeting event other" -- "$cur")); return ;;
        --by) [[ $cmd == log ]] && { COMPREPLY=($(compgen -W "me them" -- "$cur")); return; } ;;
        --vcard-version) COMPREPLY=($(compgen -W "4.0 3.0" -- "$cur")); return ;;
    esac
    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--db --today --no-color --version --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi
    if [[ $cur == -* ]]; then
        local opts
        opts=$(bmc "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case $cmd in
        log|show|edit|snooze|archive|unarchive|rm|todo|merge)
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$(bmc _names 2>/dev/null)" -- "$cur"))
            COMPREPLY=("${COMPREPLY[@]// /\\ }") ;;
        import) COMPREPLY=($(compgen -f -- "$cur")) ;;
        config) COMPREPLY=($(compgen -W "list get set cadence.strong cadence.medium cadence.weak" -- "$cur")) ;;
    esac
}
complete -F _bmc bmc
