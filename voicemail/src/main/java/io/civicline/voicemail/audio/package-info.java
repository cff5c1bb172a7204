/**
 * Reading, checking and converting voicemail audio: RIFF/WAVE parsing ({@link
 * io.civicline.voicemail.audio.WavFile}), G.711 codecs, conversion to the stored 8 kHz mono μ-law
 * form ({@link io.civicline.voicemail.audio.Audio}), and the rules for uploaded greetings and
 * ingested recordings. Pure JDK; everything works on byte arrays held in memory, so callers bound
 * the size before reading an upload.
 */
package io.civicline.voicemail.audio;
