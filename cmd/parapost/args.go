package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// completionFlag is the flag urfave/cli's shell completion passes last.
const completionFlag = "--generate-bash-completion"

// interspersed moves the flags that follow a command's arguments in front
// of them: urfave/cli stops parsing flags at the first argument, and people
// write `parapost build exports/ -o corpus/`. Flags that take a value keep
// it; everything after "--" stays as it is, and so does the shell
// completion flag, which urfave/cli looks for at the very end.
func interspersed(cmds []*cli.Command, args []string) []string {
	if len(args) < 2 {
		return args
	}
	if args[len(args)-1] == completionFlag {
		return append(interspersed(cmds, args[:len(args)-1]), completionFlag)
	}
	// Find the (sub)command and where its arguments start.
	var cmd *cli.Command
	i := 1
	for list := cmds; i < len(args); i++ {
		var next *cli.Command
		for _, c := range list {
			if c.HasName(args[i]) {
				next = c
			}
		}
		if next == nil {
			break
		}
		cmd, list = next, next.Subcommands
	}
	if cmd == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	flags := []string{}
	var rest []string
	for j := i; j < len(args); j++ {
		a := args[j]
		if a == "--" {
			rest = append(rest, args[j:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if _, _, hasValue := strings.Cut(name, "="); !hasValue && takesValue[name] && j+1 < len(args) {
			j++
			flags = append(flags, args[j])
		}
	}
	out := append([]string{}, args[:i]...)
	out = append(out, flags...)
	return append(out, rest...)
}
