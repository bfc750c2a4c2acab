package main

import (
	"io"

	"github.com/urfave/cli/v2"
)

// The completion scripts ask parapost itself for the words that can come
// next (urfave/cli's --generate-bash-completion) and fall back to file
// names.
const bashCompletion = `# parapost completion for bash: source it, or save it as
# /etc/bash_completion.d/parapost (or ~/.local/share/bash-completion/completions/parapost).
_parapost_complete() {
  local cur words
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ "$cur" == -* ]]; then
    words=$("${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:$COMP_CWORD-1}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    words=$("${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:$COMP_CWORD-1}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o bashdefault -o default -F _parapost_complete parapost
`

const zshCompletion = `#compdef parapost
# parapost completion for zsh: save it as _parapost in a directory of $fpath,
# or source it after compinit.
_parapost() {
  local -a opts
  local cur="${words[-1]}"
  if [[ "$cur" == -* ]]; then
    opts=("${(@f)$(${words[1]} ${words[@]:1:#words[@]-2} $cur --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[1]} ${words[@]:1:#words[@]-2} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ -n "${opts[1]}" ]]; then
    _describe 'values' opts
  fi
  _files
}
if [[ "$(basename -- ${(%):-%x})" != "_parapost" ]]; then
  compdef _parapost parapost
fi
`

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash or zsh)",
		ArgsUsage: "bash|zsh",
		Description: "Examples:\n" +
			"  source <(parapost completion bash)\n" +
			"  parapost completion zsh > \"${fpath[1]}/_parapost\"",
		Action: func(c *cli.Context) error {
			switch c.Args().First() {
			case "bash":
				io.WriteString(c.App.Writer, bashCompletion)
			case "zsh":
				io.WriteString(c.App.Writer, zshCompletion)
			default:
				return usagef("completion: want bash or zsh, got %q", c.Args().First())
			}
			return nil
		},
	}
}
