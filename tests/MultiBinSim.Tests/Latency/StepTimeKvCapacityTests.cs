using MultiBinSim.Errors;
using MultiBinSim.Latency.StepTime;
using MultiBinSim.Scheduling;

namespace MultiBinSim.Tests.Latency;

public class StepTimeKvCapacityTests
{
    [Fact]
    public void Batch_engine_memory_options_give_the_exact_block_count()
    {
        // Defaults: 12 GB GPU, 2 GB model, 1 GB margin, 5e-6 GB per token: floor(9 / (5e-6 * 16)) = 112,500 exactly,
        // although 9 / (5e-6 * 16) evaluates to 112,499.99999999999 in binary floating point.
        Assert.Equal(112_499.99999999999, (12.0 - 2.0 - 1.0) / (5e-6 * 16));
        Assert.Equal(112_500, KvCapacity.Blocks(GpuMemoryModel.Default, 16));
        Assert.Equal(225_000, KvCapacity.Blocks(GpuMemoryModel.Default, 8));
        Assert.Equal(56_250, KvCapacity.Blocks(GpuMemoryModel.Default, 32));
        Assert.Equal(11, KvCapacity.Blocks(new GpuMemoryModel(10, 2, 0.5, 2.5), 1)); // floor((10 - 2 - 2.5) / 0.5) = 11
        Assert.Equal(2, KvCapacity.Blocks(new GpuMemoryModel(10, 2, 0.5, 2.5), 4)); // floor(5.5 / 2) = 2 (a partial block is not a block)
    }

    [Fact]
    public void Roofline_memory_with_the_default_ten_percent_reserve()
    {
        // Llama-3-8B on A100-80GB: floor((80e9 - 16,060,522,496 - 8e9) / (131,072 * 16)) = floor(26,674.02) = 26,674.
        var llama3 = StepTimeModels.Parse("roofline:Llama-3-8B@A100-80GB").Memory!;
        Assert.Equal(26_674, KvCapacity.Blocks(llama3, 16));
        // Llama-2-70B, TP 4 on H100-80GB: floor((320e9 - 137,953,296,384 - 32e9) / (327,680 * 16)) = floor(28,619.14) = 28,619.
        var llama2 = StepTimeModels.Parse("roofline:Llama-2-70B@H100-80GB").Memory!;
        Assert.Equal(28_619, KvCapacity.Blocks(llama2, 16));
        // No reserve: floor((80e9 - 16,060,522,496) / 2,097,152) = floor(30,488.79) = 30,488.
        Assert.Equal(30_488, KvCapacity.Blocks(llama3, 16, reserveBytes: 0));
        Assert.Equal(0.10, KvCapacity.DefaultReserveFraction);
    }

    [Fact]
    public void One_block_left_is_enough_and_less_is_a_configuration_error()
    {
        Assert.Equal(1, KvCapacity.Blocks(1000, 600, 100, 10, 30, "X")); // 300 bytes free = one block of 30 x 10
        var e = Assert.Throws<ConfigurationException>(() => KvCapacity.Blocks(1000, 601, 100, 10, 30, "X"));
        var error = Assert.Single(e.Errors);
        Assert.Equal("X", error.Property);
        Assert.Contains("no room for a KV cache", error.Message);
    }

    [Fact]
    public void Weights_filling_the_gpu_name_the_memory_property()
    {
        var e = Assert.Throws<ConfigurationException>(() => KvCapacity.Blocks(new GpuMemoryModel(12, 11.5, 5e-6, 1), 16));
        var error = Assert.Single(e.Errors);
        Assert.Equal("Scheduler.Memory.ModelMemoryGb", error.Property);
        Assert.Contains("GPU memory 12 GB - weights 11.5 GB - reserve 1 GB leaves -0.5 GB", error.Message);

        // A 70B model on one 80 GB GPU (no tensor parallelism): the weights alone exceed memory.
        var single = new ReplicaMemory(80e9, 68_976_648_192.0 * 2, 327_680, 1);
        var roofline = Assert.Throws<ConfigurationException>(() => KvCapacity.Blocks(single, 16));
        Assert.Equal("Continuous.StepModel", Assert.Single(roofline.Errors).Property);
    }

    [Fact]
    public void Invalid_figures_are_reported_together()
    {
        var e = Assert.Throws<ConfigurationException>(() => KvCapacity.Blocks(double.NaN, -1, -1, 0, 0, "P"));
        Assert.Equal(5, e.Errors.Count);
        Assert.Equal("Continuous.BlockSize", e.Errors[0].Property);
        Assert.All(e.Errors.Skip(1), error => Assert.Equal("P", error.Property));
    }
}
