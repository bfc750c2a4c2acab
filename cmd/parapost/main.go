// Command parapost turns Telegram channels into a sentence-aligned parallel
// corpus: it reads posts, detects their language, pairs each translation
// with its original, aligns their sentences and writes Parquet.
//
// Usage:
//
//	parapost build [-o DIR] [INPUT...]   read, detect, pair, align, write DIR/*.parquet
//	parapost detect [--json] INPUT...    language of every post
//	parapost pairs [--json] INPUT...     the pairs found, with their evidence
//	parapost align SRC TGT               align two documents' sentences
//	parapost eval pairs|beads|lines      score against gold files
//
// Exit status: 0 ok, 2 bad input or usage, 1 internal error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

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

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: testable, and it never calls os.Exit.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, interspersed(app.Commands, args))
	if err == nil {
		return exitOK
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
		Description: "Inputs: Telegram Desktop exports (result.json), saved t.me/s pages, text copied from\n" +
			"such a page, JSON Lines; directories are read recursively, .gz files and - (stdin) work.",
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		// Errors are printed once, by run, with the right exit status.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return &usageError{err.Error()}
		},
		Commands: []*cli.Command{
			buildCommand(),
			fetchCommand(),
			detectCommand(),
			pairsCommand(),
			alignCommand(),
			evalCommand(),
			exportCommand(),
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
