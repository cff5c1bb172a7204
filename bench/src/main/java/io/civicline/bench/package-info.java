/** Benchmarks, reported as ratios against a baseline measured in the same run. */
package io.civicline.bench;
