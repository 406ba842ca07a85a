package ulvm.report;

import java.util.List;

/** The help libdm prints before a wrong comparison operator (_display_selection_help), with LVM2's reserved values. */
final class SelectionHelp {
    private SelectionHelp() {}

    private static final List<String> LINES = List.of(
            "Selection operands",
            "------------------",
            "  field               - Reporting field.",
            "  number              - Non-negative integer value.",
            "  size                - Floating point value with units, 'm' unit used by default if not specified.",
            "  percent             - Non-negative integer with or without % suffix.",
            "  string              - Characters quoted by ' or \" or unquoted.",
            "  string list         - Strings enclosed by [ ] or { } and elements delimited by either",
            "                        \"all items must match\" or \"at least one item must match\" operator.",
            "  regular expression  - Characters quoted by ' or \" or unquoted.",
            " ",
            "Selection operators",
            "-------------------",
            "  Comparison operators:",
            "        =~  - Matching regular expression. [regex]",
            "        !~  - Not matching regular expression. [regex]",
            "         =  - Equal to. [number, size, percent, string, string list, time]",
            "        !=  - Not equal to. [number, size, percent, string, string_list, time]",
            "        >=  - Greater than or equal to. [number, size, percent, time]",
            "         >  - Greater than. [number, size, percent, time]",
            "        <=  - Less than or equal to. [number, size, percent, time]",
            "         <  - Less than. [number, size, percent, time]",
            "     since  - Since specified time (same as '>='). [time]",
            "     after  - After specified time (same as '>'). [time]",
            "     until  - Until specified time (same as '<='). [time]",
            "    before  - Before specified time (same as '<'). [time]",
            " ",
            "  Logical and grouping operators:",
            "      &&  - All fields must match",
            "       ,  - All fields must match",
            "      ||  - At least one field must match",
            "       #  - At least one field must match",
            "       !  - Logical negation",
            "       (  - Left parenthesis",
            "       )  - Right parenthesis",
            "       [  - List start",
            "       ]  - List end",
            "       {  - List subset start",
            "       }  - List subset end",
            " ");

    /** The operator help (LVM2 also lists its reserved values, left out here). */
    static List<String> operators() { return LINES; }
}
