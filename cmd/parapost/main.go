// Command parapost turns Telegram channels into a sentence-aligned parallel
// corpus: it reads posts, detects their language, pairs each translation
// with its original, aligns their sentences and writes Parquet.
//
// Usage:
//
//	parapost build -o DIR INPUT...       read, detect, pair, align, write DIR/*.parquet
//	parapost build --sample -o DIR       the same on the built-in sample
//	parapost detect [--json] INPUT...    language of every post
//	parapost pairs [--json] INPUT...     the pairs found, with their evidence
//	parapost align SRC TGT               align two documents' sentences
//	parapost eval pairs|beads|lines      score against gold files
//	parapost completion bash|zsh         shell completion script
//
// Exit status: 0 ok, 1 internal error (or an eval gate not met), 2 bad input
// or usage, 130 interrupted (SIGINT), 143 terminated (SIGTERM).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/parapost/parapost/corpus"
)

// Exit statuses.
const (
	exitOK       = 0
	exitInternal = 1
	exitUsage    = 2
)

// usageError is a mistake in the command line (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// helpWidth is the width help is wrapped at.
const helpWidth = 80

func init() {
	// -v is left free: urfave/cli's default alias of --version.
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version and VCS revision"}
	cli.HelpPrinter = func(w io.Writer, templ string, data any) {
		cli.HelpPrinterCustom(w, templ, data, map[string]any{"wrapAt": func() int { return helpWidth }})
	}
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintln(c.App.Writer, versionString()) }
	cli.FlagStringer = flagHelp(cli.FlagStringer)
}

// flagHelp puts a flag's names on one line and its usage, wrapped, on the
// lines below: urfave/cli's wrapping of "names<TAB>usage" breaks the
// columns. Boolean flags lose their "(default: false)".
func flagHelp(base cli.FlagStringFunc) cli.FlagStringFunc {
	return func(f cli.Flag) string {
		names, usage, _ := strings.Cut(base(f), "\t")
		usage = strings.TrimSuffix(usage, " (default: false)")
		// The template indents the lines after the first by 6 columns.
		const indent = "  "
		width := helpWidth - 6 - len(indent)
		var lines []string
		line := ""
		for _, w := range strings.Fields(usage) {
			if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
				lines = append(lines, indent+line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		if line != "" {
			lines = append(lines, indent+line)
		}
		return strings.Join(append([]string{names}, lines...), "\n")
	}
}

func main() {
	os.Exit(runWithSignals(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: testable, and it never calls os.Exit.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, interspersed(app.Commands, args))
	if err == nil || errors.Is(err, errMTDryRun) {
		return exitOK
	}
	var se *signalError
	if errors.As(context.Cause(ctx), &se) {
		fmt.Fprintf(stderr, "parapost: %v\n", se)
		return se.exitCode()
	}
	fmt.Fprintf(stderr, "parapost: %v\n", err)
	return exitCode(err)
}

// exitCode maps an error to the exit status: user data and command-line
// mistakes are 2, everything else 1.
func exitCode(err error) int {
	var in *corpus.InputError
	var use *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &in), errors.As(err, &use):
		return exitUsage
	case isFlagError(err):
		return exitUsage
	}
	return exitInternal
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:  "parapost",
		Usage: "turn Telegram channels into a sentence-aligned parallel corpus",
		Description: "Inputs: Telegram Desktop exports (result.json), saved t.me/s pages, text\n" +
			"copied from such a page, JSON Lines; directories are read recursively, .gz\n" +
			"files and - (stdin) work. Data goes to stdout, messages and progress to\n" +
			"stderr. Exit status: 0 ok, 1 internal error or eval gate not met, 2 bad\n" +
			"input or usage, 130 interrupted, 143 terminated.\n\n" +
			"Examples:\n" +
			"  parapost build --sample -o out/sample\n" +
			"  parapost build -o corpus/ exports/\n" +
			"  parapost help build",
		Version:              version(),
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: true,
		// Errors are printed once, by run, with the right exit status.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return &usageError{err.Error()}
		},
		Commands: []*cli.Command{
			buildCommand(),
			detectCommand(),
			pairsCommand(),
			alignCommand(),
			evalCommand(),
			checkCommand(),
			exportCommand(),
			fetchCommand(),
			mtCommand(),
			completionCommand(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown command %q (see parapost --help)", c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
	}
	setUsageErrors(app.Commands)
	return app
}

// setUsageErrors makes flag errors of every command usage errors (exit 2).
func setUsageErrors(cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return &usageError{err.Error()} }
		setUsageErrors(c.Subcommands)
	}
}

// isFlagError recognises urfave/cli's errors about flags and arguments that
// do not reach OnUsageError (unknown subcommand and the like).
func isFlagError(err error) bool {
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode() == exitUsage
	}
	return false
}
