/**
 * The VG as data: {@link ulvm.model.Vg}, {@link ulvm.model.Pv}, {@link ulvm.model.Lv}, segments and areas, all
 * immutable; a change builds a new Vg.
 *
 * <p>Rule: model imports nothing else of the engine. Today it still imports {@code format.ConfigSection} to carry
 * unknown metadata keys (a model/format cycle that is being removed).
 */
package ulvm.model;
