/**
 * Extent allocation as LVM2 does it: free space per PV, allocation policies, raid images on separate PVs and pvmove
 * destinations.
 *
 * <p>Imports {@code model} and {@code segtype} only.
 */
package ulvm.alloc;
