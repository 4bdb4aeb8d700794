//! Each preset plays at one of the speed control's options, the slowest that still shows its effect
//! within the wall-time budget: the page's select can show it, and nothing slower would do.

use sessionscope::scenario::preset::{Preset, WALL_BUDGET_S};
use sessionscope::view::clock::SPEEDS;

#[test]
fn each_preset_plays_at_the_slowest_speed_option_that_fits_the_budget() {
    for preset in Preset::ALL {
        let speed = preset.speed();
        let i = SPEEDS
            .iter()
            .position(|s| *s == speed)
            .unwrap_or_else(|| panic!("{}: {speed} is not a speed option", preset.name()));
        assert!(
            preset.wall_seconds(speed) <= WALL_BUDGET_S,
            "{}",
            preset.name()
        );
        if let Some(slower) = i.checked_sub(1).map(|j| SPEEDS[j]) {
            assert!(
                preset.wall_seconds(slower) > WALL_BUDGET_S,
                "{} would fit at {slower}",
                preset.name()
            );
        }
    }
}
