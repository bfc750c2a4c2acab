//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package main

// isTerminal is false where parapost cannot ask: progress then goes to the
// log, a line per stage.
func isTerminal(any) bool { return false }

func terminalWidth(int) int { return 80 }
