// Package align pairs translated posts with their originals and aligns their sentences.
package align
