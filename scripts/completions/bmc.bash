# bash completion for bmc. Installed by `cmake --install` into
# share/bash-completion/completions/bmc. Commands, options and people's names come from bmc
# itself (the hidden `bmc _commands`, `bmc _options` and `bmc _names`), so this file never needs
# updating when bmc gains a command.

_bmc() {
    local cur prev bmc
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    bmc=${COMP_WORDS[0]}

    # The global options that choose the database and the date, so names come from the same one.
    local globals=() path=() i word
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --db | --today)
            globals+=("$word" "${COMP_WORDS[i + 1]}")
            ((i++))
            ;;
        -*)
            # An option that takes a value consumes the next word.
            if "$bmc" _options --takes-value -- "${path[@]}" 2>/dev/null | grep -qxF -- "$word"; then
                ((i++))
            fi
            ;;
        *)
            # A word is a (sub)command when bmc lists it under the path so far.
            if "$bmc" _commands -- "${path[@]}" 2>/dev/null | cut -f1 | grep -qxF -- "$word"; then
                path+=("$word")
            fi
            ;;
        esac
    done

    # Values of options.
    case $prev in
    --db | -o | --output)
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    --strength | -s)
        COMPREPLY=($(compgen -W "strong medium weak" -- "$cur"))
        return
        ;;
    --via)
        COMPREPLY=($(compgen -W "coffee call video email text social meeting event other" -- "$cur"))
        return
        ;;
    --by)
        [ "${path[0]}" = log ] && COMPREPLY=($(compgen -W "me them" -- "$cur"))
        return
        ;;
    --format | -f)
        case ${path[0]} in
        import) COMPREPLY=($(compgen -W "json linkedin google csv vcard" -- "$cur")) ;;
        export) COMPREPLY=($(compgen -W "json jsonl csv vcard ics" -- "$cur")) ;;
        esac
        return
        ;;
    --vcard-version)
        COMPREPLY=($(compgen -W "4.0 3.0" -- "$cur"))
        return
        ;;
    esac
    if [ ${#path[@]} -gt 0 ] || [[ $prev != -* ]]; then
        if "$bmc" _options --takes-value -- "${path[@]}" 2>/dev/null | grep -qxF -- "$prev"; then
            return # some other value: nothing sensible to offer
        fi
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$("$bmc" _options -- "${path[@]}" 2>/dev/null | cut -f1)" -- "$cur"))
        return
    fi
    local commands
    commands=$("$bmc" _commands -- "${path[@]}" 2>/dev/null | cut -f1)
    if [ -n "$commands" ]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi
    # Inside a command: people's names (quoted as needed, since names have spaces).
    case ${path[0]} in
    import | export | demo | config) ;;
    *)
        local IFS=$'\n' name
        COMPREPLY=()
        while IFS= read -r name; do
            if [[ ${name,,} == "${cur,,}"* ]]; then
                COMPREPLY+=("$(printf '%q' "$name")")
            fi
        done < <("$bmc" "${globals[@]}" _names 2>/dev/null)
        ;;
    esac
}
complete -F _bmc bmc
