using Atelier.Creation;

namespace Atelier.Tests.Creation;

public sealed class KeyframePathTests
{
    [Theory]
    [InlineData(2, 5)]
    [InlineData(4, 3)]
    [InlineData(3, 1)]
    public void An_open_path_starts_on_the_first_key_and_ends_on_the_last(int keys, int perKey)
    {
        var steps = KeyframePath.Steps(keys, perKey, loop: false, Easing.Linear);
        Assert.Equal((keys - 1) * perKey + 1, steps.Count);
        Assert.Equal(new KeyframeStep(0, 1, 0f), steps[0]);
        Assert.Equal(new KeyframeStep(keys - 1, keys - 1, 0f), steps[^1]);
    }

    [Theory]
    [InlineData(Easing.Linear)]
    [InlineData(Easing.Smooth)]
    public void A_loop_returns_towards_the_first_key_without_showing_it_twice(Easing easing)
    {
        var steps = KeyframePath.Steps(4, 6, loop: true, easing);
        Assert.Equal(24, steps.Count);
        Assert.Equal((3, 0), (steps[^1].From, steps[^1].To));
        Assert.InRange(steps[^1].T, 0.5f, 0.999f);
        Assert.Single(steps, s => s.From == 0 && s.T == 0);
    }

    [Fact]
    public void Smooth_easing_moves_slowly_near_the_keys_and_fast_between_them()
    {
        var steps = KeyframePath.Steps(2, 10, loop: false, Easing.Smooth);
        var t = steps.Take(10).Select(s => s.T).ToArray();
        Assert.True(t.Zip(t.Skip(1)).All(p => p.Second > p.First), "eased positions must still increase");
        Assert.True(t[1] - t[0] < t[6] - t[5], "the first step must be shorter than a middle one");
    }

    [Fact]
    public void Fewer_than_two_keys_is_refused()
    {
        Assert.Throws<ArgumentException>(() => KeyframePath.Steps(1, 4, loop: true, Easing.Linear));
    }
}
