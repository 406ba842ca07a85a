/**
 * The VG as data: {@link ulvm.model.Vg}, {@link ulvm.model.Pv}, {@link ulvm.model.Lv}, segments and areas, all
 * immutable; a change builds a new Vg.
 *
 * <p>Rule: model imports nothing else of the engine. Unknown metadata keys and segments are carried as a
 * {@link ulvm.model.Section}, which the text format's reader extends.
 */
package ulvm.model;
