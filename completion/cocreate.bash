# bash completion for cocreate: commands, options, their values, and the
# challenge ids of the challenges file in use.
_cocreate()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="match plan explain score gaps challenges check tags"
    local options="--actors --challenges --thesaurus --no-thesaurus --top --format --output --delimiter --encoding
        --excel --no-header --explain --color --quiet --help --version --all --needs
        --ambition --weights --territory --anywhere --exclude --require --min-score
        --max-per-actor --history --jobs --partnerships --time-limit --triads --columns --skip-bad-rows --suggest"
    COMPREPLY=()
    case $prev in
        -a|--actors|-c|--challenges|--thesaurus|-o|--output|--triads|--history)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -f|--format) COMPREPLY=($(compgen -W "table csv tsv json jsonl html" -- "$cur")); return ;;
        --ambition) COMPREPLY=($(compgen -W "balanced invent synergy scale" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --encoding) COMPREPLY=($(compgen -W "utf-8 latin1 cp1252" -- "$cur")); return ;;
        --delimiter) COMPREPLY=($(compgen -W ", ; | tab" -- "$cur")); return ;;
        -k|--top|--needs|--weights|--territory|--exclude|--require|--min-score|--max-per-actor|-j|--jobs|--partnerships|--time-limit|--columns)
            return ;;
    esac
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$options" -- "$cur"))
    else
        case ${COMP_WORDS[1]} in
        match|plan|explain|score|gaps)
            # the challenges of the file given with -c, else the bundled ones
            local i file=()
            for ((i = 1; i < COMP_CWORD; i++)); do
                case ${COMP_WORDS[i]} in
                    -c|--challenges) file=(-c "${COMP_WORDS[i+1]}") ;;
                esac
            done
            local ids
            ids=$("${COMP_WORDS[0]}" challenges "${file[@]}" -f csv --no-header 2>/dev/null | cut -d, -f1)
            COMPREPLY=($(compgen -W "$ids" -- "$cur")) ;;
        esac
    fi
}
complete -F _cocreate cocreate
