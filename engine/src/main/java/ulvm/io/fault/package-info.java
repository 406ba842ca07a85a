/**
 * Test support: devices that fail on demand ({@link ulvm.io.fault.FaultyDevice}) or simulate a disk cache that a
 * power cut empties ({@link ulvm.io.fault.CrashDevice}), installed through {@link ulvm.io.Devices}. Production code
 * does not use them.
 *
 * <p>Imports {@code io} only.
 */
package ulvm.io.fault;
